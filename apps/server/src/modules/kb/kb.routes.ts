import {
  KbArticleCreateSchema,
  KbArticleListQuerySchema,
  KbArticleSchema,
  KbArticleSummarySchema,
  KbArticleUpdateSchema,
  KbCategoryCreateSchema,
  KbCategorySchema,
  KbCategoryUpdateSchema,
  listOf,
} from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

const MarkdownPreviewSchema = z.strictObject({ markdown: z.string().max(200_000) });
const MarkdownPreviewResponseSchema = z.object({ html: z.string() });

export const kbRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['knowledge base'];

  app.get(
    '/kb/categories',
    {
      schema: {
        tags,
        summary: 'Knowledge-base categories, by position then English name',
        response: { 200: listOf(KbCategorySchema), ...errorResponses(401) },
      },
    },
    async (request) => {
      const items = await services.kb.listCategories(technicianOf(request));
      return { items, total: items.length };
    },
  );

  app.post(
    '/kb/categories',
    {
      schema: {
        tags,
        body: KbCategoryCreateSchema,
        response: { 201: KbCategorySchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.kb.createCategory(technicianOf(request), request.body)),
  );

  app.patch(
    '/kb/categories/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        body: KbCategoryUpdateSchema,
        response: { 200: KbCategorySchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => services.kb.updateCategory(technicianOf(request), request.params.id, request.body),
  );

  app.delete(
    '/kb/categories/:id',
    {
      schema: {
        tags,
        summary: 'Delete a category; its articles stay, without a category',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await services.kb.removeCategory(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/kb/articles',
    {
      schema: {
        tags,
        summary: 'List articles (newest change first), or search them with `q` (best match first)',
        querystring: KbArticleListQuerySchema,
        response: { 200: listOf(KbArticleSummarySchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => services.kb.searchArticles(technicianOf(request), request.query),
  );

  app.post(
    '/kb/articles',
    {
      schema: {
        tags,
        body: KbArticleCreateSchema,
        response: { 201: KbArticleSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.kb.createArticle(technicianOf(request), request.body)),
  );

  app.get(
    '/kb/articles/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        response: { 200: KbArticleSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => services.kb.getArticle(technicianOf(request), request.params.id),
  );

  app.patch(
    '/kb/articles/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        body: KbArticleUpdateSchema,
        response: { 200: KbArticleSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => services.kb.updateArticle(technicianOf(request), request.params.id, request.body),
  );

  app.delete(
    '/kb/articles/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await services.kb.removeArticle(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/markdown/preview',
    {
      schema: {
        tags,
        summary: 'Render Markdown as articles and comments show it (sanitized HTML)',
        body: MarkdownPreviewSchema,
        response: { 200: MarkdownPreviewResponseSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => services.kb.previewMarkdown(technicianOf(request), request.body),
  );
};
