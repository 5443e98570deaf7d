import { listOf, SoftwareCreateSchema, SoftwareSchema, SoftwareUpdateSchema } from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const softwareRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['software catalog'];

  app.get(
    '/software',
    {
      schema: {
        tags,
        summary: 'The approved software catalog, by name',
        response: { 200: listOf(SoftwareSchema), ...errorResponses(401) },
      },
    },
    async (request) => {
      const items = await services.software.list(technicianOf(request));
      return { items, total: items.length };
    },
  );

  app.post(
    '/software',
    {
      schema: {
        tags,
        summary: 'Add software to the catalog (admins); it needs a Chocolatey id, a Homebrew id or both',
        body: SoftwareCreateSchema,
        response: { 201: SoftwareSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.software.create(technicianOf(request), request.body)),
  );

  app.patch(
    '/software/:id',
    {
      schema: {
        tags,
        summary: 'Change a catalog entry (admins); null removes a package id, one must remain',
        params: IdParamsSchema,
        body: SoftwareUpdateSchema,
        response: { 200: SoftwareSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => services.software.update(technicianOf(request), request.params.id, request.body),
  );

  app.delete(
    '/software/:id',
    {
      schema: {
        tags,
        summary: 'Remove software from the catalog (admins)',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await services.software.remove(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
