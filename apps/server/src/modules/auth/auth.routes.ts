import {
  ContactLoginSchema,
  PasswordChangeSchema,
  PortalMeSchema,
  TechnicianLoginSchema,
  TechnicianSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import {
  assertSameOrigin,
  clearSessionCookie,
  contactOf,
  sessionToken,
  setSessionCookie,
  technicianOf,
} from '../../plugins/authenticate';
import { presentTechnician } from '../technicians/technicians.presenter';

const clientOf = (request: { ip: string; headers: { 'user-agent'?: string } }) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/** Public: sign-in for both audiences. A login form posted from another site is refused. */
export const signInRoutes: RoutePlugin = async (app, { services, config }) => {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in to the console (sets the session cookie)',
        body: TechnicianLoginSchema,
        response: { 200: z.object({ technician: TechnicianSchema }), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request, config, { required: false });
      const { row, sessionToken: token } = await services.auth.signInTechnician(
        request.body,
        clientOf(request),
      );
      setSessionCookie(reply, config, 'technician', token);
      return { technician: presentTechnician(row) };
    },
  );

  app.post(
    '/portal/api/auth/login',
    {
      schema: {
        tags: ['portal'],
        summary: 'Sign in to the portal (sets the portal session cookie)',
        body: ContactLoginSchema,
        response: { 200: PortalMeSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request, config, { required: false });
      const { actor, sessionToken: token } = await services.auth.signInContact(
        request.body,
        clientOf(request),
      );
      setSessionCookie(reply, config, 'contact', token);
      return services.portalMe.get(actor);
    },
  );
};

export const technicianSessionRoutes: RoutePlugin = async (app, { services, config }) => {
  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out of the console',
        response: { 204: z.null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const token = sessionToken(request, 'technician');
      if (token && !request.headers.authorization) await services.auth.signOut(token);
      clearSessionCookie(reply, config, 'technician');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in technician',
        response: { 200: z.object({ technician: TechnicianSchema }), ...errorResponses(401) },
      },
    },
    async (request) => ({ technician: await services.technicians.me(technicianOf(request)) }),
  );
};

export const contactSessionRoutes: RoutePlugin = async (app, { services, config }) => {
  app.post(
    '/me/password',
    {
      schema: {
        tags: ['portal'],
        summary: 'Change your portal password (your other sessions end)',
        body: PasswordChangeSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await services.auth.changeContactPassword(
        contactOf(request),
        request.body,
        sessionToken(request, 'contact') ?? '',
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['portal'],
        summary: 'Sign out of the portal',
        response: { 204: z.null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      contactOf(request);
      const token = sessionToken(request, 'contact');
      if (token) await services.auth.signOut(token);
      clearSessionCookie(reply, config, 'contact');
      return reply.code(204).send(null);
    },
  );
};
