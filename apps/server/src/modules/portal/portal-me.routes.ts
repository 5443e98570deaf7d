import { PortalMeSchema, PortalMeUpdateSchema } from '@atrium/shared';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { contactOf } from '../../plugins/authenticate';

export const portalMeRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['portal'];

  app.get(
    '/me',
    {
      config: { beforePasswordChoice: true },
      schema: {
        tags,
        summary: 'The signed-in contact, their company, and what the portal offers them now',
        response: { 200: PortalMeSchema, ...errorResponses(401) },
      },
    },
    async (request) => services.portalMe.get(contactOf(request)),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        summary: 'Change your portal language',
        body: PortalMeUpdateSchema,
        response: { 200: PortalMeSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => services.portalMe.setLanguage(contactOf(request), request.body.language),
  );
};
