import { ApiTokenCreatedSchema, ApiTokenCreateSchema, listOf } from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

const ApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const apiTokensRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['api tokens'];

  app.post(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token (the token is shown only in this response)',
        body: ApiTokenCreateSchema,
        response: { 201: ApiTokenCreatedSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.apiTokens.create(technicianOf(request), request.body.name)),
  );

  app.get(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'Your API tokens (never the secrets)',
        response: { 200: listOf(ApiTokenSchema) },
      },
    },
    async (request) => {
      const items = await services.apiTokens.list(technicianOf(request));
      return { items, total: items.length };
    },
  );

  app.delete(
    '/api-tokens/:id',
    { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errorResponses(401, 404) } } },
    async (request, reply) => {
      await services.apiTokens.revoke(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
