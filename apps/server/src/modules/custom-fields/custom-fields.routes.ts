import { CustomFieldCreateSchema, CustomFieldSchema, CustomFieldUpdateSchema, listOf } from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const customFieldsRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['custom fields'];

  app.get(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'Custom ticket fields, by position then key',
        response: { 200: listOf(CustomFieldSchema), ...errorResponses(401) },
      },
    },
    async (request) => {
      const items = await services.customFields.list(technicianOf(request));
      return { items, total: items.length };
    },
  );

  app.post(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'Add a custom ticket field (admins)',
        body: CustomFieldCreateSchema,
        response: { 201: CustomFieldSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.customFields.create(technicianOf(request), request.body)),
  );

  app.patch(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom field (admins); key and type are fixed',
        params: IdParamsSchema,
        body: CustomFieldUpdateSchema,
        response: { 200: CustomFieldSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => services.customFields.update(technicianOf(request), request.params.id, request.body),
  );

  app.delete(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Delete a custom field and its values on every ticket (admins)',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await services.customFields.remove(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
