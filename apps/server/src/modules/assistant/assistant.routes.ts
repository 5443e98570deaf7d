import {
  AssistantMessageCreateSchema,
  AssistantSessionListQuerySchema,
  AssistantSessionReviewSchema,
  AssistantSessionSchema,
  AssistantTicketRefSchema,
  AssistantTurnSchema,
  listOf,
  PortalActionRequestedSchema,
} from '@atrium/shared';
import type { FastifyError, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { contactOf, technicianOf } from '../../plugins/authenticate';
import { toAppError } from '../../plugins/errors';

const wantsStream = (accept: string | undefined) => accept?.includes('text/event-stream') === true;

/** One server-sent event: a name and one line of JSON. */
const event = (reply: FastifyReply, name: string, data: unknown) =>
  reply.raw.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);

/** The portal's assistant (SPEC §7, §9): a contact's chat sessions. */
export const assistantRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['portal'];
  const assistant = services.assistant;

  app.post(
    '/assistant/sessions',
    {
      schema: {
        tags,
        summary: 'Starts a conversation with the assistant',
        response: { 201: z.object({ session: AssistantSessionSchema }), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ session: await assistant.createSession(contactOf(request)) }),
  );

  app.get(
    '/assistant/sessions/:id',
    {
      schema: {
        tags,
        summary: 'One of your conversations, with its messages',
        params: IdParamsSchema,
        response: { 200: z.object({ session: AssistantSessionSchema }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => ({ session: await assistant.getSession(contactOf(request), request.params.id) }),
  );

  app.post(
    '/assistant/sessions/:id/messages',
    {
      schema: {
        tags,
        summary:
          'Your message and the assistant’s answer. With `Accept: text/event-stream` the answer streams: `delta` events ({text}), then `done` ({messages}) or `error` ({error}).',
        params: IdParamsSchema,
        body: AssistantMessageCreateSchema,
        response: { 200: AssistantTurnSchema, ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const actor = contactOf(request);
      const { id } = request.params;
      const { text } = request.body;
      if (!wantsStream(request.headers.accept)) return assistant.send(actor, id, text);
      // Refusals known before the answer starts (another's session, the feature off) keep their status.
      await assistant.getSession(actor, id);
      const aborted = new AbortController();
      request.raw.on('close', () => aborted.abort());
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
      });
      try {
        const turn = await assistant.send(
          actor,
          id,
          text,
          (delta) => event(reply, 'delta', { text: delta }),
          aborted.signal,
        );
        event(reply, 'done', AssistantTurnSchema.parse(turn));
      } catch (error) {
        const known = toAppError(error as FastifyError);
        if (!known) request.log.error({ err: error }, 'assistant answer failed');
        const sent = known ?? new AppError('internal');
        event(reply, 'error', { error: { code: sent.code, message: sent.message } });
      }
      reply.raw.end();
    },
  );

  app.post(
    '/assistant/sessions/:id/messages/:messageId/run',
    {
      schema: {
        tags,
        summary:
          'Runs the action an answer proposed, once you confirm it: it waits for the code texted to you, as on My devices',
        params: z.object({ id: z.uuid(), messageId: z.uuid() }),
        response: {
          202: PortalActionRequestedSchema,
          ...errorResponses(401, 403, 404, 409, 422, 429),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await assistant.runProposal(contactOf(request), request.params.id, request.params.messageId)),
  );

  app.post(
    '/assistant/sessions/:id/escalate',
    {
      schema: {
        tags,
        summary: 'Hands the conversation to a person: a ticket holding the transcript',
        params: IdParamsSchema,
        response: { 201: z.object({ ticket: AssistantTicketRefSchema }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ ticket: await assistant.escalate(contactOf(request), request.params.id) }),
  );
};

/** Technicians review the assistant's conversations: every message and tool call (SPEC §7). */
export const assistantReviewRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['assistant'];
  const assistant = services.assistant;

  app.get(
    '/assistant/sessions',
    {
      schema: {
        tags,
        summary: 'Conversations with the portal assistant, newest first',
        querystring: AssistantSessionListQuerySchema,
        response: { 200: listOf(AssistantSessionReviewSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => assistant.listForReview(technicianOf(request), request.query),
  );

  app.get(
    '/assistant/sessions/:id',
    {
      schema: {
        tags,
        summary: 'One conversation, with the assistant’s tool calls and what they returned',
        params: IdParamsSchema,
        response: { 200: AssistantSessionReviewSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => assistant.review(technicianOf(request), request.params.id),
  );
};
