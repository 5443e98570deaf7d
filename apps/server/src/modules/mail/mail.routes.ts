import {
  listOf,
  MailPreviewRequestSchema,
  MailTemplatesPatchSchema,
  MailTemplatesResponseSchema,
  OutboxMailSchema,
  PageQuerySchema,
  RenderedMailSchema,
} from '@atrium/shared';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const mailRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['mail'];

  app.get(
    '/outbox/mail',
    {
      schema: {
        tags,
        summary: 'Mail Atrium has queued, newest first, with its delivery status',
        description:
          'Without SMTP_URL this is where mail is delivered: nothing leaves the server. The text of mail holding a password or a reset link is null except for admins in that mode.',
        querystring: PageQuerySchema,
        response: { 200: listOf(OutboxMailSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => services.outbox.list(technicianOf(request), request.query),
  );

  app.get(
    '/settings/mail-templates',
    { schema: { tags, response: { 200: MailTemplatesResponseSchema, ...errorResponses(401) } } },
    async (request) => services.mailTemplates.get(technicianOf(request)),
  );

  app.patch(
    '/settings/mail-templates',
    {
      schema: {
        tags,
        summary: 'Change mail templates (admins); `null` puts a language back to the default',
        body: MailTemplatesPatchSchema,
        response: { 200: MailTemplatesResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => services.mailTemplates.update(technicianOf(request), request.body),
  );

  app.post(
    '/settings/mail-templates/preview',
    {
      schema: {
        tags,
        summary: 'Render a template with sample values, as the recipient would see it',
        body: MailPreviewRequestSchema,
        response: { 200: RenderedMailSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => services.mailTemplates.preview(technicianOf(request), request.body),
  );
};
