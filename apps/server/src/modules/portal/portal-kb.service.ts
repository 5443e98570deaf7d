import {
  type KbArticleListQuery,
  KbArticleSummarySchema,
  type Language,
  listOf,
  type PortalKbArticle,
} from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor } from '../../lib/actor';
import { encodeJson, type JsonText } from '../../lib/json-text';
import { type CacheVersion, VersionedCache } from '../../lib/versioned-cache';
import { incrementKbCounter } from '../kb/kb.repo';
import type { KbService } from '../kb/kb.service';
import { requireFeature } from './portal.policy';
import type { PortalConfigSource } from './portal-config';

/** The answer of `GET /portal/api/kb/articles`. */
export const KB_SEARCH_RESPONSE = listOf(KbArticleSummarySchema);

/** How long a search result may show stale view counts (they order `sort=popular`, and bump nothing). */
const SEARCH_TTL_MS = 10_000;

/**
 * The knowledge base as contacts read it: only shared, published articles (the KB service's portal
 * scope), only when the feature is on for their customer, in their language when a translation exists.
 */
export function createPortalKbService(
  db: Db,
  portalConfig: PortalConfigSource,
  kb: KbService,
  version: CacheVersion,
) {
  // Every contact sees the same articles, so one answer, encoded once, serves every contact asking
  // the same thing.
  const searches = new VersionedCache<JsonText>(version, {
    maxEntries: 1000,
    ttlMs: SEARCH_TTL_MS,
  });

  async function gate(contact: ContactActor) {
    requireFeature((await portalConfig.get()).settings, contact, 'knowledgeBase');
  }

  return {
    async categories(contact: ContactActor) {
      await gate(contact);
      const items = await kb.listCategories(contact, { portal: true });
      return { items, total: items.length };
    },

    async search(contact: ContactActor, query: Omit<KbArticleListQuery, 'status' | 'shared'>) {
      await gate(contact);
      // Spaces do not change what the words match; they should not miss the cache either.
      const normalized = { ...query, q: query.q?.replace(/\s+/g, ' ') };
      return searches.get(JSON.stringify(normalized), async () =>
        encodeJson(KB_SEARCH_RESPONSE, await kb.searchArticles(contact, normalized, { portal: true })),
      );
    },

    async article(contact: ContactActor, id: string, language?: Language): Promise<PortalKbArticle> {
      await gate(contact);
      let article = await kb.getArticle(contact, id, { portal: true });
      const translation =
        language &&
        article.language !== language &&
        article.translations.find((t) => t.language === language);
      if (translation) article = await kb.getArticle(contact, translation.id, { portal: true });
      await incrementKbCounter(db, article.id, 'views');
      return {
        id: article.id,
        title: article.title,
        bodyHtml: article.bodyHtml,
        language: article.language,
        category: article.category,
        translations: article.translations,
        helpful: article.helpful,
        updatedAt: article.updatedAt,
      };
    },

    async feedback(contact: ContactActor, id: string, helpful: boolean): Promise<void> {
      await gate(contact);
      await kb.getArticle(contact, id, { portal: true });
      await incrementKbCounter(db, id, helpful ? 'helpful' : 'unhelpful');
    },
  };
}

export type PortalKbService = ReturnType<typeof createPortalKbService>;
