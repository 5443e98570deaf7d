import {
  listOf,
  TicketStatusCreateSchema,
  TicketStatusSchema,
  TicketStatusUpdateSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

/** The status's current name, URL-encoded in the path (it may hold spaces). */
const StatusNameParamsSchema = z.object({ name: z.string().min(1).max(50) });

export const statusesRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['ticket statuses'];

  app.get(
    '/ticket-statuses',
    {
      schema: {
        tags,
        summary: 'Ticket statuses, by position',
        response: { 200: listOf(TicketStatusSchema), ...errorResponses(401) },
      },
    },
    async (request) => {
      const items = await services.statuses.list(technicianOf(request));
      return { items, total: items.length };
    },
  );

  app.post(
    '/ticket-statuses',
    {
      schema: {
        tags,
        summary: 'Add a ticket status (admins); names are unique regardless of case',
        body: TicketStatusCreateSchema,
        response: { 201: TicketStatusSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.statuses.create(technicianOf(request), request.body)),
  );

  app.patch(
    '/ticket-statuses/:name',
    {
      schema: {
        tags,
        summary: 'Rename, reclassify or move a status (admins); builtin statuses can only move',
        params: StatusNameParamsSchema,
        body: TicketStatusUpdateSchema,
        response: { 200: TicketStatusSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => services.statuses.update(technicianOf(request), request.params.name, request.body),
  );

  app.delete(
    '/ticket-statuses/:name',
    {
      schema: {
        tags,
        summary: 'Delete a status no ticket uses (admins); builtin statuses stay',
        params: StatusNameParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await services.statuses.remove(technicianOf(request), request.params.name);
      return reply.code(204).send(null);
    },
  );
};
