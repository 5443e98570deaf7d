import {
  type KbArticleCreate,
  type KbArticleListQuerySchema,
  KbArticleSchema,
  KbArticleSummarySchema,
  type KbArticleUpdate,
  type KbCategoryCreateSchema,
  KbCategorySchema,
  type KbCategoryUpdateSchema,
  listOf,
} from '@atrium/shared';
import { z } from 'zod';
import { api, type QueryOf, withQuery } from '../../lib/api';
import { cached } from '../../lib/cache';

const ArticleListSchema = listOf(KbArticleSummarySchema);
const CategoryListSchema = z.object({ items: z.array(KbCategorySchema) });
const PreviewSchema = z.object({ html: z.string() });

export type ArticleListQuery = QueryOf<typeof KbArticleListQuerySchema>;
export type CategoryCreate = z.output<typeof KbCategoryCreateSchema>;
export type CategoryUpdate = z.output<typeof KbCategoryUpdateSchema>;

export const kbApi = {
  articles: (query: ArticleListQuery, signal?: AbortSignal) =>
    api(withQuery('/api/v1/kb/articles', query), { schema: ArticleListSchema, signal }),
  article: (id: string, signal?: AbortSignal) =>
    api(`/api/v1/kb/articles/${id}`, { schema: KbArticleSchema, signal }),
  createArticle: (body: KbArticleCreate) =>
    api('/api/v1/kb/articles', { method: 'POST', body, schema: KbArticleSchema }),
  updateArticle: (id: string, body: KbArticleUpdate) =>
    api(`/api/v1/kb/articles/${id}`, { method: 'PATCH', body, schema: KbArticleSchema }),
  removeArticle: (id: string) => api(`/api/v1/kb/articles/${id}`, { method: 'DELETE' }),

  categories: async (signal?: AbortSignal) =>
    (await api('/api/v1/kb/categories', { schema: CategoryListSchema, signal })).items,
  createCategory: (body: CategoryCreate) =>
    api('/api/v1/kb/categories', { method: 'POST', body, schema: KbCategorySchema }),
  updateCategory: (id: string, body: CategoryUpdate) =>
    api(`/api/v1/kb/categories/${id}`, { method: 'PATCH', body, schema: KbCategorySchema }),
  removeCategory: (id: string) => api(`/api/v1/kb/categories/${id}`, { method: 'DELETE' }),

  /** The server renders Markdown exactly as it will for the article (same sanitizer). */
  preview: async (markdown: string, signal?: AbortSignal) =>
    (
      await api('/api/v1/markdown/preview', {
        method: 'POST',
        body: { markdown },
        schema: PreviewSchema,
        signal,
      })
    ).html,
};

export const categoriesCache = cached(async () =>
  [...(await kbApi.categories())].sort(
    (a, b) => a.position - b.position || a.name.en.localeCompare(b.name.en),
  ),
);
