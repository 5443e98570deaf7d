import { listOf, TechnicianCreateSchema, TechnicianSchema, TechnicianUpdateSchema } from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const techniciansRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['technicians'];

  app.get(
    '/technicians',
    { schema: { tags, response: { 200: listOf(TechnicianSchema), ...errorResponses(401, 403) } } },
    async (request) => {
      const items = await services.technicians.list(technicianOf(request));
      return { items, total: items.length };
    },
  );

  app.post(
    '/technicians',
    {
      schema: {
        tags,
        body: TechnicianCreateSchema,
        response: { 201: TechnicianSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.technicians.create(technicianOf(request), request.body)),
  );

  app.patch(
    '/technicians/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        body: TechnicianUpdateSchema,
        response: { 200: TechnicianSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => services.technicians.update(technicianOf(request), request.params.id, request.body),
  );

  app.delete(
    '/technicians/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await services.technicians.remove(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
