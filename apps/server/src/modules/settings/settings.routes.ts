import {
  BrandingSchema,
  EmailSettingsPatchSchema,
  EmailSettingsSchema,
  PortalSettingsPatchSchema,
  PortalSettingsResponseSchema,
} from '@atrium/shared';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const settingsRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['settings'];

  app.get(
    '/settings/portal',
    { schema: { tags, response: { 200: PortalSettingsResponseSchema, ...errorResponses(401) } } },
    async () => services.settings.getPortal(),
  );

  app.patch(
    '/settings/portal',
    {
      schema: {
        tags,
        summary: 'Change portal settings (admins); the body is merged into the current settings',
        body: PortalSettingsPatchSchema,
        response: { 200: PortalSettingsResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => services.settings.updatePortal(technicianOf(request), request.body),
  );

  app.get(
    '/settings/email',
    { schema: { tags, response: { 200: EmailSettingsSchema, ...errorResponses(401) } } },
    async () => services.settings.email(),
  );

  app.patch(
    '/settings/email',
    {
      schema: {
        tags,
        summary:
          'Change email settings (admins): what inbound mail does with senders of unknown domains and with spam',
        body: EmailSettingsPatchSchema,
        response: { 200: EmailSettingsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => services.settings.updateEmail(technicianOf(request), request.body),
  );
};

/** Public: the sign-in pages of both apps show the MSP's name, logo and colour before anyone signs in. */
export const brandingRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/portal/api/branding',
    {
      schema: {
        tags: ['portal'],
        summary: 'MSP branding (no sign-in needed)',
        response: { 200: BrandingSchema },
      },
    },
    async () => (await services.settings.getPortal()).branding,
  );
};
