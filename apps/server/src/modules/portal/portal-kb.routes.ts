import {
  KbArticleListQuerySchema,
  KbCategorySchema,
  listOf,
  PortalKbArticleQuerySchema,
  PortalKbArticleSchema,
  PortalKbFeedbackSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { sendJsonText } from '../../lib/json-text';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { contactOf } from '../../plugins/authenticate';
import { KB_SEARCH_RESPONSE } from './portal-kb.service';

const PortalKbListQuerySchema = KbArticleListQuerySchema.omit({ status: true, shared: true });

export const portalKbRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['portal'];

  app.get(
    '/kb/categories',
    { schema: { tags, response: { 200: listOf(KbCategorySchema), ...errorResponses(401, 403) } } },
    async (request) => services.portalKb.categories(contactOf(request)),
  );

  app.get(
    '/kb/articles',
    {
      schema: {
        tags,
        summary: 'Shared, published articles; with q, a ranked search in all five languages',
        querystring: PortalKbListQuerySchema,
        response: { 200: KB_SEARCH_RESPONSE, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      sendJsonText(reply, await services.portalKb.search(contactOf(request), request.query)),
  );

  app.get(
    '/kb/articles/:id',
    {
      schema: {
        tags,
        summary: 'An article, in `language` when it has that translation',
        params: IdParamsSchema,
        querystring: PortalKbArticleQuerySchema,
        response: { 200: PortalKbArticleSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      services.portalKb.article(contactOf(request), request.params.id, request.query.language),
  );

  app.post(
    '/kb/articles/:id/feedback',
    {
      schema: {
        tags,
        summary: 'Was this article helpful?',
        params: IdParamsSchema,
        body: PortalKbFeedbackSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await services.portalKb.feedback(contactOf(request), request.params.id, request.body.helpful);
      return reply.code(204).send(null);
    },
  );
};
