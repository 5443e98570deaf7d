import { ApiTokenCreatedSchema, ApiTokenCreateSchema, ApiTokenSchema, listOf } from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

const TechnicianTokenParamsSchema = z.object({ id: z.uuid(), tokenId: z.uuid() });

export const apiTokensRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['api tokens'];

  app.post(
    '/api-tokens',
    {
      schema: {
        tags,
        summary:
          'Create a personal API token, optionally expiring (the token is shown only in this response; a token may create tokens only for an admin)',
        body: ApiTokenCreateSchema,
        response: { 201: ApiTokenCreatedSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.apiTokens.create(technicianOf(request), request.body)),
  );

  app.get(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'Your API tokens with their expiry and last use (never the secrets)',
        response: { 200: listOf(ApiTokenSchema), ...errorResponses(401) },
      },
    },
    async (request) => {
      const items = await services.apiTokens.list(technicianOf(request));
      return { items, total: items.length };
    },
  );

  app.delete(
    '/api-tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of your API tokens',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await services.apiTokens.revoke(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/technicians/:id/api-tokens',
    {
      schema: {
        tags,
        summary: "A technician's API tokens (admins)",
        params: IdParamsSchema,
        response: { 200: listOf(ApiTokenSchema), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const items = await services.apiTokens.listOfTechnician(technicianOf(request), request.params.id);
      return { items, total: items.length };
    },
  );

  app.delete(
    '/technicians/:id/api-tokens/:tokenId',
    {
      schema: {
        tags,
        summary: "Revoke a technician's API token (admins)",
        params: TechnicianTokenParamsSchema,
        response: { 204: z.null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id, tokenId } = request.params;
      await services.apiTokens.revokeOfTechnician(technicianOf(request), id, tokenId);
      return reply.code(204).send(null);
    },
  );
};
