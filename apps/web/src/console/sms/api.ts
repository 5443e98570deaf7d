import { listOf, OutboxSmsSchema, type PageQuerySchema } from '@atrium/shared';
import { api, type QueryOf, withQuery } from '../../lib/api';

const SmsListSchema = listOf(OutboxSmsSchema);

export const smsApi = {
  /** Admins only: texts carry codes and temporary passwords. */
  outbox: (query: QueryOf<typeof PageQuerySchema>, signal?: AbortSignal) =>
    api(withQuery('/api/v1/outbox/sms', query), { schema: SmsListSchema, signal }),
};
