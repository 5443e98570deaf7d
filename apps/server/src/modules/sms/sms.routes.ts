import { listOf, OutboxSmsSchema, PageQuerySchema } from '@atrium/shared';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const smsRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/outbox/sms',
    {
      schema: {
        tags: ['sms'],
        summary: 'Texts Atrium has queued, newest first, with their delivery status (admins)',
        description:
          'With SMS_PROVIDER=outbox (the default) this is where texts are delivered: nothing leaves the server. The body of a text a provider has taken is removed: texts carry codes and passwords.',
        querystring: PageQuerySchema,
        response: { 200: listOf(OutboxSmsSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => services.sms.list(technicianOf(request), request.query),
  );
};
