import {
  listOf,
  type MailPreviewRequest,
  type MailTemplatesPatch,
  MailTemplatesResponseSchema,
  OutboxMailSchema,
  type PageQuerySchema,
  RenderedMailSchema,
} from '@atrium/shared';
import { api, type QueryOf, withQuery } from '../../lib/api';

const OutboxListSchema = listOf(OutboxMailSchema);

export const mailApi = {
  templates: (signal?: AbortSignal) =>
    api('/api/v1/settings/mail-templates', { schema: MailTemplatesResponseSchema, signal }),
  /** Merged into the stored templates (admins); the answer is the whole new state. */
  updateTemplates: (body: MailTemplatesPatch) =>
    api('/api/v1/settings/mail-templates', { method: 'PATCH', body, schema: MailTemplatesResponseSchema }),
  preview: (body: MailPreviewRequest, signal?: AbortSignal) =>
    api('/api/v1/settings/mail-templates/preview', {
      method: 'POST',
      body,
      schema: RenderedMailSchema,
      signal,
    }),
  outbox: (query: QueryOf<typeof PageQuerySchema>, signal?: AbortSignal) =>
    api(withQuery('/api/v1/outbox/mail', query), { schema: OutboxListSchema, signal }),
};
