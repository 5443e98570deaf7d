import { open as openFile } from 'node:fs/promises';
import {
  ActionCreateSchema,
  ActionListQuerySchema,
  ActionSchema,
  AgentEnrolledSchema,
  AgentEnrollSchema,
  DeviceListQuerySchema,
  DeviceSchema,
  DeviceUpdateSchema,
  EnrollmentTokenCreatedSchema,
  EnrollmentTokenCreateSchema,
  EnrollmentTokenSchema,
  listOf,
  SigningKeySchema,
} from '@atrium/shared';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { AGENT_BUNDLE } from '../../lib/server-root';
import { technicianOf } from '../../plugins/authenticate';

const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z.string().min(1).max(200).optional(),
});

/** Technicians' API for devices, their enrollment tokens and actions (SPEC §9). */
export const devicesRoutes: RoutePlugin = async (app, { services }) => {
  const devices = services.devices;

  app.post(
    '/enrollment-tokens',
    {
      schema: {
        tags: ['devices'],
        summary:
          "Create a customer's enrollment token (shown only in this response, with the command that installs an agent with it)",
        body: EnrollmentTokenCreateSchema,
        response: { 201: EnrollmentTokenCreatedSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await devices.createEnrollmentToken(technicianOf(request), request.body)),
  );

  app.get(
    '/enrollment-tokens',
    {
      schema: {
        tags: ['devices'],
        summary: 'Enrollment tokens, newest first (never the tokens themselves)',
        querystring: z.strictObject({ customerId: z.uuid().optional() }),
        response: { 200: listOf(EnrollmentTokenSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const items = await devices.listEnrollmentTokens(technicianOf(request), request.query.customerId);
      return { items, total: items.length };
    },
  );

  app.delete(
    '/enrollment-tokens/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Revoke an enrollment token (devices it enrolled stay)',
        params: IdParamsSchema,
        response: { 200: EnrollmentTokenSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => devices.revokeEnrollmentToken(technicianOf(request), request.params.id),
  );

  app.get(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Devices with their online state, by customer and host name',
        querystring: DeviceListQuerySchema,
        response: { 200: listOf(DeviceSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => devices.list(technicianOf(request), request.query),
  );

  app.get(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'A device and its inventory',
        params: IdParamsSchema,
        response: { 200: DeviceSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => devices.get(technicianOf(request), request.params.id),
  );

  app.patch(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: "Assign a device to one of its customer's contacts (null: to nobody)",
        params: IdParamsSchema,
        body: DeviceUpdateSchema,
        response: { 200: DeviceSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => devices.update(technicianOf(request), request.params.id, request.body),
  );

  app.delete(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Remove a device: its agent is disconnected and must enroll again',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await devices.remove(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/devices/:id/actions',
    {
      schema: {
        tags: ['devices'],
        summary:
          'Run an action on a device: queued until it is online, expires if it does not come (Idempotency-Key dedupes)',
        params: IdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: ActionCreateSchema,
        response: { 202: ActionSchema, ...errorResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await devices.createAction(
            technicianOf(request),
            request.params.id,
            request.body,
            request.headers['idempotency-key'],
          ),
        ),
  );

  app.get(
    '/actions',
    {
      schema: {
        tags: ['devices'],
        summary: 'Actions, newest first',
        querystring: ActionListQuerySchema,
        response: { 200: listOf(ActionSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => devices.listActions(technicianOf(request), request.query),
  );

  app.get(
    '/actions/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'An action and its outcome',
        params: IdParamsSchema,
        response: { 200: ActionSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => devices.getAction(technicianOf(request), request.params.id),
  );

  app.post(
    '/actions/:id/cancel',
    {
      schema: {
        tags: ['devices'],
        summary: 'Cancel an action that has not reached its device yet',
        params: IdParamsSchema,
        response: { 200: ActionSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => devices.cancelAction(technicianOf(request), request.params.id),
  );
};

/** The server's command-signing keys, which agents pin (SPEC §6). */
export const signingKeysRoutes: RoutePlugin = async (app, { services }) => {
  const signingKeys = services.signingKeys;

  app.get(
    '/agent-signing-keys',
    {
      schema: {
        tags: ['devices'],
        summary:
          "The server's command-signing keys, oldest first: the one that signs, the next one, retired ones",
        response: { 200: listOf(SigningKeySchema), ...errorResponses(401) },
      },
    },
    async (request) => {
      const items = await signingKeys.list(technicianOf(request));
      return { items, total: items.length };
    },
  );

  app.post(
    '/agent-signing-keys/rotate',
    {
      schema: {
        tags: ['devices'],
        summary:
          'Retire the signing key: the next one signs, a new next one is made, connected agents pin both (admins)',
        description:
          'An agent pins the key that signs and the next one. One rotation strands no agent; an agent offline across two rotations pins none of the keys left and must enroll again.',
        response: { 200: listOf(SigningKeySchema), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const items = await signingKeys.rotate(technicianOf(request));
      return { items, total: items.length };
    },
  );
};

/** What agents call without a session: the agent's own file to install, and enrollment with a token. */
export const agentRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/agent/atrium-agent.mjs',
    {
      schema: {
        tags: ['agent'],
        summary: 'The agent, one file for Node.js 20 or later',
        response: { 200: z.any(), ...errorResponses(404) },
      },
    },
    async (_request, reply) => {
      const stream = await openFile(AGENT_BUNDLE).then(
        (file) => file.createReadStream(),
        () => {
          throw new AppError('not_found', 'The agent is not built on this server: run npm run build.');
        },
      );
      return reply
        .type('text/javascript; charset=utf-8')
        .header('content-disposition', 'attachment; filename="atrium-agent.mjs"')
        .header('cache-control', 'no-cache')
        .send(stream);
    },
  );

  app.post(
    '/agent/enroll',
    {
      schema: {
        tags: ['agent'],
        summary: "Enroll a device's public key with an enrollment token (the device's identity from then on)",
        body: AgentEnrollSchema,
        response: { 201: AgentEnrolledSchema, ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await services.devices.enroll(request.body, request.ip)),
  );
};
