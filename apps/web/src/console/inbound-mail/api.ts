import {
  type EmailSettingsPatch,
  EmailSettingsSchema,
  type InboundMailListQuerySchema,
  InboundMailSchema,
  listOf,
} from '@atrium/shared';
import { api, type QueryOf, withQuery } from '../../lib/api';

const InboundMailListSchema = listOf(InboundMailSchema);
export type InboundMailQuery = QueryOf<typeof InboundMailListQuerySchema>;

export const inboundMailApi = {
  list: (query: InboundMailQuery, signal?: AbortSignal) =>
    api(withQuery('/api/v1/inbound-mail', query), { schema: InboundMailListSchema, signal }),
  /** Served as a download; a plain link carries the session cookie. */
  rawUrl: (id: string) => `/api/v1/inbound-mail/${id}/raw`,
  settings: (signal?: AbortSignal) => api('/api/v1/settings/email', { schema: EmailSettingsSchema, signal }),
  updateSettings: (body: EmailSettingsPatch) =>
    api('/api/v1/settings/email', { method: 'PATCH', body, schema: EmailSettingsSchema }),
};
