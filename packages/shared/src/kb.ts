import { z } from 'zod';
import { LocalizedTextSchema } from './desk';
import { LANGUAGES } from './i18n';
import { PageQuerySchema } from './lists';

/** The knowledge base (SPEC §2): articles in five languages, linked as translations of each other. */

export const KB_STATUSES = ['draft', 'published'] as const;

export const KbCategoryCreateSchema = z.strictObject({
  name: LocalizedTextSchema,
  position: z.number().int().min(0).max(1000).optional(),
});
export const KbCategoryUpdateSchema = KbCategoryCreateSchema.partial();
export const KbCategorySchema = z.object({
  id: z.uuid(),
  name: LocalizedTextSchema,
  position: z.number().int(),
  articleCount: z.number().int(),
});
export type KbCategory = z.infer<typeof KbCategorySchema>;

export const KbArticleCreateSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  body: z.string().max(200_000),
  language: z.enum(LANGUAGES),
  categoryId: z.uuid().nullable().optional(),
  shared: z.boolean(),
  status: z.enum(KB_STATUSES),
  /** Links this article as a translation of another (they share a translation group). */
  translationOf: z.uuid().optional(),
});
export type KbArticleCreate = z.infer<typeof KbArticleCreateSchema>;
export const KbArticleUpdateSchema = KbArticleCreateSchema.omit({ translationOf: true }).partial();
export type KbArticleUpdate = z.infer<typeof KbArticleUpdateSchema>;

export const KbArticleSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  /** Markdown rendered and sanitized on the server. */
  bodyHtml: z.string(),
  language: z.enum(LANGUAGES),
  category: z.object({ id: z.uuid(), name: LocalizedTextSchema }).nullable(),
  shared: z.boolean(),
  status: z.enum(KB_STATUSES),
  translationGroupId: z.uuid(),
  translations: z.array(z.object({ id: z.uuid(), language: z.enum(LANGUAGES), title: z.string() })),
  helpful: z.number().int(),
  unhelpful: z.number().int(),
  views: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type KbArticle = z.infer<typeof KbArticleSchema>;

/** A list or search hit: with `q`, ranked by relevance and with a highlighted snippet. */
export const KbArticleSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  language: z.enum(LANGUAGES),
  category: z.object({ id: z.uuid(), name: LocalizedTextSchema }).nullable(),
  shared: z.boolean(),
  status: z.enum(KB_STATUSES),
  /** Plain text around the matches, with each match wrapped in <mark>…</mark> (everything else escaped). */
  snippet: z.string(),
  rank: z.number().nullable(),
  updatedAt: z.string(),
});
export type KbArticleSummary = z.infer<typeof KbArticleSummarySchema>;

export const KbArticleListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  language: z.enum(LANGUAGES).optional(),
  categoryId: z.uuid().optional(),
  status: z.enum(KB_STATUSES).optional(),
  shared: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Without `q`: newest change first, or `popular` (most read and found helpful) first. */
  sort: z.enum(['recent', 'popular']).optional(),
});
export type KbArticleListQuery = z.infer<typeof KbArticleListQuerySchema>;
