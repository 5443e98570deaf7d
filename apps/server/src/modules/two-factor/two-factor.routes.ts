import { CodeSchema, PhoneEnrolSchema, TwoFactorStatusSchema } from '@atrium/shared';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { contactOf } from '../../plugins/authenticate';

/** The contact's side of SMS 2FA (SPEC §5, §9): their number, proven by a code. */
export const twoFactorRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['portal'];

  app.get(
    '/2fa',
    {
      schema: {
        tags,
        summary: 'Your number for the codes, whether it is confirmed, and a number waiting for its code',
        response: { 200: TwoFactorStatusSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => services.twoFactor.status(contactOf(request)),
  );

  app.post(
    '/2fa/phone',
    {
      schema: {
        tags,
        summary: 'Save and send code: texts a 6-digit code to the number (it is yours once confirmed)',
        body: PhoneEnrolSchema,
        response: { 200: TwoFactorStatusSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => services.twoFactor.sendPhoneCode(contactOf(request), request.body.phone),
  );

  app.post(
    '/2fa/verify',
    {
      schema: {
        tags,
        summary: 'Confirms the number with the code it received',
        body: CodeSchema,
        response: { 200: TwoFactorStatusSchema, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request) => services.twoFactor.verifyPhone(contactOf(request), request.body.code),
  );

  app.delete(
    '/2fa/phone',
    {
      schema: {
        tags,
        summary: 'Removes your number: the next action needs a number confirmed again',
        response: { 200: TwoFactorStatusSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => services.twoFactor.removePhone(contactOf(request)),
  );
};
