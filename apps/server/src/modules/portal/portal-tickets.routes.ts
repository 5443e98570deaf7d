import {
  listOf,
  PortalCommentCreateSchema,
  PortalCommentSchema,
  PortalReplyResultSchema,
  PortalTicketCreateSchema,
  PortalTicketEventSchema,
  PortalTicketListQuerySchema,
  PortalTicketSchema,
  PortalTicketUpdateSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { sendJsonText } from '../../lib/json-text';
import { errorResponses, IdParamsSchema, parseBody, type RoutePlugin } from '../../lib/routes';
import { readForm, sendAttachment } from '../../lib/uploads';
import { contactOf } from '../../plugins/authenticate';
import { PORTAL_TICKET_LIST } from './portal-tickets.service';

/** Multipart text fields → the JSON shape (custom fields travel as one JSON-encoded field). */
function ticketFromForm(fields: Record<string, string>): unknown {
  const { customFields, ...rest } = fields;
  let parsed: unknown;
  try {
    parsed = customFields === undefined ? undefined : JSON.parse(customFields);
  } catch {
    parsed = customFields;
  }
  const present = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== ''));
  return parsed === undefined ? present : { ...present, customFields: parsed };
}

/** The contact's tickets (SPEC §9 portal API); every rule lives in portal-tickets.policy.ts. */
export const portalTicketsRoutes: RoutePlugin = async (app, { services, config }) => {
  const tags = ['portal'];
  const rules = errorResponses(400, 401, 403, 404, 413, 415, 422);

  app.get(
    '/tickets',
    {
      schema: {
        tags,
        summary:
          "Your tickets, or your company's (primary contacts, scope=company). Pages may be up to a second old; `Cache-Control: no-cache` asks for a fresh one",
        description:
          '`status` takes status names, comma-separated; one the portal does not show matches no ticket, and the filter is ignored while the status field is hidden.',
        querystring: PortalTicketListQuerySchema,
        response: { 200: PORTAL_TICKET_LIST, ...rules },
      },
    },
    async (request, reply) => {
      const fresh = /\bno-cache\b/.test(request.headers['cache-control'] ?? '');
      const page = await services.portalTickets.list(contactOf(request), request.query, { fresh });
      return sendJsonText(reply, page);
    },
  );

  app.post(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Open a ticket: JSON, or multipart/form-data with the same fields and `files`',
        body: PortalTicketCreateSchema.nullish(),
        response: { 201: PortalTicketSchema, ...rules },
      },
    },
    async (request, reply) => {
      const contact = contactOf(request);
      if (!request.isMultipart()) {
        const input = parseBody(PortalTicketCreateSchema, request.body);
        return reply.code(201).send(await services.portalTickets.create(contact, input));
      }
      const form = await readForm(request, services.files, config, PortalTicketCreateSchema, ticketFromForm);
      return reply.code(201).send(await services.portalTickets.create(contact, form.input, form.files));
    },
  );

  app.get(
    '/tickets/:id',
    { schema: { tags, params: IdParamsSchema, response: { 200: PortalTicketSchema, ...rules } } },
    async (request) => services.portalTickets.get(contactOf(request), request.params.id),
  );

  app.patch(
    '/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Change the fields the portal settings let contacts edit',
        params: IdParamsSchema,
        body: PortalTicketUpdateSchema,
        response: { 200: PortalTicketSchema, ...rules },
      },
    },
    async (request) => services.portalTickets.update(contactOf(request), request.params.id, request.body),
  );

  app.get(
    '/tickets/:id/comments',
    {
      schema: {
        tags,
        summary: 'The public thread (internal notes never appear)',
        params: IdParamsSchema,
        response: { 200: listOf(PortalCommentSchema), ...rules },
      },
    },
    async (request) => services.portalTickets.comments(contactOf(request), request.params.id),
  );

  app.get(
    '/tickets/:id/events',
    {
      schema: {
        tags,
        summary:
          'The changes you may see, oldest first: status, billing and technician, each with its author',
        params: IdParamsSchema,
        response: { 200: listOf(PortalTicketEventSchema), ...rules },
      },
    },
    async (request) => services.portalTickets.events(contactOf(request), request.params.id),
  );

  app.post(
    '/tickets/:id/comments',
    {
      schema: {
        tags,
        summary:
          'Reply (JSON or multipart with `body` and `files`); on a ticket that may not reopen, opens a linked one',
        params: IdParamsSchema,
        body: PortalCommentCreateSchema.nullish(),
        response: { 201: PortalReplyResultSchema, ...rules },
      },
    },
    async (request, reply) => {
      const contact = contactOf(request);
      const form = request.isMultipart()
        ? await readForm(request, services.files, config, PortalCommentCreateSchema, (fields) => ({
            body: fields.body,
          }))
        : { input: parseBody(PortalCommentCreateSchema, request.body), files: [] };
      return reply
        .code(201)
        .send(await services.portalTickets.reply(contact, request.params.id, form.input.body, form.files));
    },
  );

  app.post(
    '/tickets/:id/reopen',
    { schema: { tags, params: IdParamsSchema, response: { 200: PortalTicketSchema, ...rules } } },
    async (request) => services.portalTickets.reopen(contactOf(request), request.params.id),
  );

  app.post(
    '/tickets/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Mark the ticket as resolved',
        params: IdParamsSchema,
        response: { 200: PortalTicketSchema, ...rules },
      },
    },
    async (request) => services.portalTickets.resolve(contactOf(request), request.params.id),
  );

  app.get(
    '/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Download an attachment of a ticket you can see',
        params: IdParamsSchema,
        response: { 200: z.any(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { attachment, stream } = await services.portalTickets.openAttachment(
        contactOf(request),
        request.params.id,
      );
      return sendAttachment(reply, attachment, stream);
    },
  );
};
