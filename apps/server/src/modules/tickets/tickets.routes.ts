import {
  CommentCreateSchema,
  CommentSchema,
  listOf,
  TicketCreateSchema,
  TicketHistorySchema,
  TicketListQuerySchema,
  TicketSchema,
  TicketUpdateSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, parseBody, type RoutePlugin } from '../../lib/routes';
import { readForm, sendAttachment } from '../../lib/uploads';
import { technicianOf } from '../../plugins/authenticate';

export const ticketsRoutes: RoutePlugin = async (app, { services, config }) => {
  const tags = ['tickets'];

  app.get(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Tickets with filters, text search, sorting and pagination',
        querystring: TicketListQuerySchema,
        response: { 200: listOf(TicketSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => services.tickets.list(technicianOf(request), request.query),
  );

  app.post(
    '/tickets',
    {
      schema: {
        tags,
        body: TicketCreateSchema,
        response: { 201: TicketSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.tickets.create(technicianOf(request), request.body)),
  );

  app.get(
    '/tickets/:id',
    {
      schema: { tags, params: IdParamsSchema, response: { 200: TicketSchema, ...errorResponses(401, 404) } },
    },
    async (request) => services.tickets.get(technicianOf(request), request.params.id),
  );

  app.patch(
    '/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Change fields, status, assignment, custom field values or the billed flag',
        params: IdParamsSchema,
        body: TicketUpdateSchema,
        response: { 200: TicketSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => services.tickets.update(technicianOf(request), request.params.id, request.body),
  );

  app.get(
    '/tickets/:id/history',
    {
      schema: {
        tags,
        summary: 'The ticket it follows up, its follow-ups, and its status, billing and technician changes',
        params: IdParamsSchema,
        response: { 200: TicketHistorySchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => services.tickets.history(technicianOf(request), request.params.id),
  );

  app.get(
    '/tickets/:id/comments',
    {
      schema: {
        tags,
        summary: 'The thread: public replies and internal notes, oldest first',
        params: IdParamsSchema,
        response: { 200: listOf(CommentSchema), ...errorResponses(401, 404) },
      },
    },
    async (request) => services.tickets.listComments(technicianOf(request), request.params.id),
  );

  app.post(
    '/tickets/:id/comments',
    {
      schema: {
        tags,
        summary:
          'Reply or add an internal note: JSON, or multipart/form-data with `body`, `internal` and `files`',
        params: IdParamsSchema,
        // Absent for multipart requests: their fields are checked with the same schema below.
        body: CommentCreateSchema.nullish(),
        response: { 201: CommentSchema, ...errorResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = technicianOf(request);
      if (!request.isMultipart()) {
        const input = parseBody(CommentCreateSchema, request.body);
        return reply.code(201).send(await services.tickets.addComment(actor, request.params.id, input));
      }
      const form = await readForm(request, services.files, config, CommentCreateSchema, (fields) => ({
        body: fields.body,
        ...(fields.internal === undefined ? {} : { internal: fields.internal === 'true' }),
      }));
      return reply
        .code(201)
        .send(await services.tickets.addComment(actor, request.params.id, form.input, form.files));
    },
  );

  app.get(
    '/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Download an attachment (always as a download, never rendered inline)',
        params: IdParamsSchema,
        response: { 200: z.any(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { attachment, stream } = await services.tickets.openAttachment(
        technicianOf(request),
        request.params.id,
      );
      return sendAttachment(reply, attachment, stream);
    },
  );
};
