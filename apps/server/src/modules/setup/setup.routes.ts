import { SetupChecklistSchema } from '@atrium/shared';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const setupRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['setup'];
  const response = { 200: SetupChecklistSchema, ...errorResponses(401, 403) };

  app.get(
    '/setup',
    {
      schema: {
        tags,
        summary:
          'The first-run checklist (admins): what is configured, what is missing, whether it is dismissed',
        response,
      },
    },
    async (request) => services.setup.get(technicianOf(request)),
  );

  app.post(
    '/setup/dismiss',
    { schema: { tags, summary: 'Hide the first-run checklist from the console (admins)', response } },
    async (request) => services.setup.setDismissed(technicianOf(request), true),
  );

  app.delete(
    '/setup/dismiss',
    { schema: { tags, summary: 'Show the first-run checklist again (admins)', response } },
    async (request) => services.setup.setDismissed(technicianOf(request), false),
  );
};
