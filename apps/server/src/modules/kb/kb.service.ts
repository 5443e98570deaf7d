import { randomUUID } from 'node:crypto';
import type {
  KbArticle,
  KbArticleCreate,
  KbArticleListQuery,
  KbArticleSummary,
  KbArticleUpdate,
  KbCategory,
  KbCategoryCreateSchema,
  KbCategoryUpdateSchema,
  Language,
} from '@atrium/shared';
import { ENGLISH_LANGUAGE_NAMES } from '@atrium/shared';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { Actor, TechnicianActor } from '../../lib/actor';
import { AppError, invalidField } from '../../lib/app-error';
import { renderMarkdown } from '../../lib/markdown';
import { recordAudit } from '../audit/audit.repo';
import { bumpCacheVersion } from '../settings/settings.repo';
import { kbScopeFor, requireKbEditor } from './kb.policy';
import { presentKbArticle, presentKbArticleSummary, presentKbCategory } from './kb.presenter';
import {
  deleteKbArticle,
  deleteKbCategory,
  findKbArticle,
  findKbArticleInGroup,
  insertKbArticle,
  insertKbCategory,
  type KbScope,
  listKbCategories,
  listKbTranslations,
  lockKbCategory,
  lockKbTranslationGroup,
  searchKbArticles,
  updateKbArticle,
  updateKbCategory,
} from './kb.repo';

export type KbCategoryCreate = z.infer<typeof KbCategoryCreateSchema>;
export type KbCategoryUpdate = z.infer<typeof KbCategoryUpdateSchema>;
/** The portal (and a technician previewing it) reads only shared, published articles. */
export type KbReadOptions = { portal?: boolean };

const articleNotFound = () => new AppError('not_found', 'No knowledge-base article with this id.');
const categoryNotFound = () => new AppError('not_found', 'No knowledge-base category with this id.');

export function createKbService(db: Db) {
  async function loadCategory(tx: Db, id: string): Promise<KbCategory> {
    const [row] = await listKbCategories(tx, { id });
    if (!row) throw categoryNotFound();
    return presentKbCategory(row);
  }

  /** A body naming a category that does not exist is invalid input (400), not a missing resource. */
  async function assertCategoryExists(tx: Db, categoryId: string | null | undefined): Promise<void> {
    if (!categoryId || (await lockKbCategory(tx, categoryId))) return;
    throw invalidField('categoryId', 'there is no knowledge-base category with this id');
  }

  /** One article per language in a translation group; call with the group locked. */
  async function assertLanguageFree(tx: Db, groupId: string, language: Language, exceptId?: string) {
    const existing = await findKbArticleInGroup(tx, groupId, language, exceptId);
    if (existing) {
      throw new AppError(
        'conflict',
        `This article already has a ${ENGLISH_LANGUAGE_NAMES[language]} translation ("${existing.title}").`,
        { translationId: existing.id },
      );
    }
  }

  async function loadArticle(tx: Db, id: string, scope: KbScope): Promise<KbArticle> {
    const found = await findKbArticle(tx, id, scope);
    if (!found) throw articleNotFound();
    return presentKbArticle(found, await listKbTranslations(tx, found.article, scope));
  }

  return {
    /** With `{ portal: true }` (and for contacts), articleCount counts only what the portal shows. */
    async listCategories(actor: Actor, options: KbReadOptions = {}): Promise<KbCategory[]> {
      const scope = kbScopeFor(actor, options);
      return (await listKbCategories(db, { scope })).map(presentKbCategory);
    },

    async createCategory(actor: TechnicianActor, input: KbCategoryCreate): Promise<KbCategory> {
      requireKbEditor(actor);
      return db.transaction(async (tx) => {
        const row = await insertKbCategory(tx, { name: input.name, position: input.position ?? 0 });
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'kb_category.created',
          target: { type: 'kb_category', id: row.id },
          details: { name: row.name },
        });
        return presentKbCategory({ ...row, articleCount: 0 });
      });
    },

    async updateCategory(actor: TechnicianActor, id: string, input: KbCategoryUpdate): Promise<KbCategory> {
      requireKbEditor(actor);
      if (Object.keys(input).length === 0) return loadCategory(db, id);
      return db.transaction(async (tx) => {
        const row = await updateKbCategory(tx, id, input);
        if (!row) throw categoryNotFound();
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'kb_category.updated',
          target: { type: 'kb_category', id },
          details: { fields: Object.keys(input) },
        });
        return loadCategory(tx, id);
      });
    },

    /** Its articles stay, without a category. */
    async removeCategory(actor: TechnicianActor, id: string): Promise<void> {
      requireKbEditor(actor);
      await db.transaction(async (tx) => {
        const row = await deleteKbCategory(tx, id);
        if (!row) throw categoryNotFound();
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'kb_category.deleted',
          target: { type: 'kb_category', id },
          details: { name: row.name },
        });
      });
    },

    /**
     * Lists or searches articles. `{ portal: true }` (and any contact) sees only shared, published
     * articles; the portal's own routes call this with the contact as actor.
     */
    async searchArticles(
      actor: Actor,
      query: KbArticleListQuery,
      options: KbReadOptions = {},
    ): Promise<{ items: KbArticleSummary[]; total: number }> {
      const scope = kbScopeFor(actor, options);
      const { page, pageSize, ...filters } = query;
      const { hits, total } = await searchKbArticles(
        db,
        { ...filters, limit: pageSize, offset: (page - 1) * pageSize },
        scope,
      );
      return { items: hits.map(presentKbArticleSummary), total };
    },

    /** An article and its translations; outside the caller's scope it is not found. */
    async getArticle(actor: Actor, id: string, options: KbReadOptions = {}): Promise<KbArticle> {
      return loadArticle(db, id, kbScopeFor(actor, options));
    },

    async createArticle(actor: TechnicianActor, input: KbArticleCreate): Promise<KbArticle> {
      requireKbEditor(actor);
      return db.transaction(async (tx) => {
        await assertCategoryExists(tx, input.categoryId);
        const id = randomUUID();
        let translationGroupId: string = id;
        if (input.translationOf) {
          const original = await findKbArticle(tx, input.translationOf);
          if (!original) throw new AppError('not_found', 'The article to translate does not exist.');
          translationGroupId = original.article.translationGroupId;
          await lockKbTranslationGroup(tx, translationGroupId);
          await assertLanguageFree(tx, translationGroupId, input.language);
        }
        const row = await insertKbArticle(tx, {
          id,
          translationGroupId,
          title: input.title,
          body: input.body,
          language: input.language,
          categoryId: input.categoryId ?? null,
          shared: input.shared,
          status: input.status,
          createdById: actor.id,
        });
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'kb_article.created',
          target: { type: 'kb_article', id: row.id },
          details: { title: row.title, language: row.language, translationGroupId },
        });
        return loadArticle(tx, row.id, 'all');
      });
    },

    async updateArticle(actor: TechnicianActor, id: string, input: KbArticleUpdate): Promise<KbArticle> {
      requireKbEditor(actor);
      if (Object.keys(input).length === 0) return loadArticle(db, id, 'all');
      return db.transaction(async (tx) => {
        const current = await findKbArticle(tx, id);
        if (!current) throw articleNotFound();
        await assertCategoryExists(tx, input.categoryId);
        const { article } = current;
        if (input.language && input.language !== article.language) {
          await lockKbTranslationGroup(tx, article.translationGroupId);
          await assertLanguageFree(tx, article.translationGroupId, input.language, id);
        }
        const row = await updateKbArticle(tx, id, input);
        if (!row) throw articleNotFound();
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'kb_article.updated',
          target: { type: 'kb_article', id },
          details: { fields: Object.keys(input) },
        });
        return loadArticle(tx, id, 'all');
      });
    },

    async removeArticle(actor: TechnicianActor, id: string): Promise<void> {
      requireKbEditor(actor);
      await db.transaction(async (tx) => {
        const row = await deleteKbArticle(tx, id);
        if (!row) throw articleNotFound();
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'kb_article.deleted',
          target: { type: 'kb_article', id },
          details: { title: row.title, language: row.language },
        });
      });
    },

    /** The console editor's preview: exactly what readers will see. */
    async previewMarkdown(actor: TechnicianActor, input: { markdown: string }): Promise<{ html: string }> {
      requireKbEditor(actor);
      return { html: renderMarkdown(input.markdown) };
    },
  };
}

export type KbService = ReturnType<typeof createKbService>;
