import {
  ContactForgotPasswordSchema,
  ContactLoginSchema,
  ForgotPasswordAcceptedSchema,
  PASSWORD_RESET_LINK_MINUTES,
  PasswordChangeSchema,
  PasswordChoiceSchema,
  PasswordResetSchema,
  PortalMeSchema,
  TechnicianForgotPasswordSchema,
  TechnicianLoginSchema,
  TechnicianPreferencesSchema,
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

const accepted = { status: 'accepted' } as const;

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

  const forgotDescription = `Always answers 202 with the same body, whether or not the account exists. When it does, a link valid for ${PASSWORD_RESET_LINK_MINUTES} minutes, usable once, is mailed to it. Rate-limited per account and per address (429).`;
  const resetDescription =
    'The token from the mailed link. Sets the password, ends every session of the account (and, for a technician, revokes their API tokens). A link expired or already used answers 400 reset_link_invalid.';

  app.post(
    '/api/v1/auth/forgot',
    {
      schema: {
        tags: ['auth'],
        summary: 'Forgot password: mail a one-time reset link to a technician',
        description: forgotDescription,
        body: TechnicianForgotPasswordSchema,
        response: { 202: ForgotPasswordAcceptedSchema, ...errorResponses(400, 403, 429) },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request, config, { required: false });
      await services.passwordReset.requestForTechnician(request.body, clientOf(request));
      return reply.code(202).send(accepted);
    },
  );

  app.post(
    '/api/v1/auth/reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Choose a new console password with a reset link',
        description: resetDescription,
        body: PasswordResetSchema,
        response: { 204: z.null(), ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request, config, { required: false });
      await services.passwordReset.resetTechnicianPassword(request.body, clientOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/portal/api/auth/forgot',
    {
      schema: {
        tags: ['portal'],
        summary: 'Forgot password: mail a one-time reset link to a contact (by username or email)',
        description: forgotDescription,
        body: ContactForgotPasswordSchema,
        response: { 202: ForgotPasswordAcceptedSchema, ...errorResponses(400, 403, 429) },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request, config, { required: false });
      await services.passwordReset.requestForContact(request.body, clientOf(request));
      return reply.code(202).send(accepted);
    },
  );

  app.post(
    '/portal/api/auth/reset',
    {
      schema: {
        tags: ['portal'],
        summary: 'Choose a new portal password with a reset link',
        description: resetDescription,
        body: PasswordResetSchema,
        response: { 204: z.null(), ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request, config, { required: false });
      await services.passwordReset.resetContactPassword(request.body, clientOf(request));
      return reply.code(204).send(null);
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

  app.patch(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own preferences (the console language)',
        body: TechnicianPreferencesSchema,
        response: { 200: z.object({ technician: TechnicianSchema }), ...errorResponses(400, 401) },
      },
    },
    async (request) => ({
      technician: await services.technicians.updatePreferences(technicianOf(request), request.body),
    }),
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your console password (your other sessions end and your API tokens are revoked)',
        body: PasswordChangeSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await services.auth.changeTechnicianPassword(
        technicianOf(request),
        request.body,
        request.headers.authorization ? undefined : sessionToken(request, 'technician'),
      );
      return reply.code(204).send(null);
    },
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
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 429) },
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
    '/auth/password',
    {
      config: { beforePasswordChoice: true },
      schema: {
        tags: ['portal'],
        summary: 'Choose your own password after signing in with a generated one (your other sessions end)',
        body: PasswordChoiceSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await services.auth.chooseContactPassword(
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
      config: { beforePasswordChoice: true },
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
