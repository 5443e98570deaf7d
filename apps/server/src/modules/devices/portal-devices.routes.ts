import {
  ActionCreateSchema,
  CodeSchema,
  PortalActionRequestedSchema,
  PortalActionSchema,
  PortalDeviceSchema,
  PortalSoftwareSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { contactOf } from '../../plugins/authenticate';

/** "My devices" (SPEC §9 portal API): a contact's own devices and the actions they run on them. */
export const portalDevicesRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['portal'];
  const portalDevices = services.portalDevices;

  app.get(
    '/devices',
    {
      schema: {
        tags,
        summary: 'Your devices, whether they are online, and the actions you may run on them',
        response: { 200: z.array(PortalDeviceSchema), ...errorResponses(401, 403) },
      },
    },
    async (request) => portalDevices.list(contactOf(request)),
  );

  app.get(
    '/software',
    {
      schema: {
        tags,
        summary: 'The approved software you may install on one of your devices (its OS, the settings)',
        querystring: z.strictObject({ deviceId: z.uuid() }),
        response: { 200: z.array(PortalSoftwareSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => portalDevices.software(contactOf(request), request.query.deviceId),
  );

  app.post(
    '/devices/:id/actions',
    {
      schema: {
        tags,
        summary: 'Asks for an action on your device: it runs once you type the code texted to you',
        params: IdParamsSchema,
        body: ActionCreateSchema,
        response: { 202: PortalActionRequestedSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await portalDevices.request(contactOf(request), request.params.id, request.body)),
  );

  app.post(
    '/actions/:id/verify',
    {
      schema: {
        tags,
        summary: 'The code texted for the action: right, the action goes to the device',
        params: IdParamsSchema,
        body: CodeSchema,
        response: { 200: PortalActionSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => portalDevices.verify(contactOf(request), request.params.id, request.body.code),
  );

  app.post(
    '/actions/:id/code',
    {
      schema: {
        tags,
        summary: 'Texts a new code for an action that waits for one (the last one is lost or expired)',
        params: IdParamsSchema,
        response: { 202: PortalActionRequestedSchema, ...errorResponses(401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await portalDevices.resendCode(contactOf(request), request.params.id)),
  );

  app.get(
    '/actions/:id',
    {
      schema: {
        tags,
        summary: 'An action on one of your devices, and how it went',
        params: IdParamsSchema,
        response: { 200: PortalActionSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => portalDevices.get(contactOf(request), request.params.id),
  );
};
