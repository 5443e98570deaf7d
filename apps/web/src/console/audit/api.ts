import { AuditEntrySchema, type AuditQuerySchema, listOf } from '@atrium/shared';
import { api, type QueryOf, withQuery } from '../../lib/api';

const AuditListSchema = listOf(AuditEntrySchema);
export type AuditListQuery = QueryOf<typeof AuditQuerySchema>;

export const auditApi = {
  list: (query: AuditListQuery, signal?: AbortSignal) =>
    api(withQuery('/api/v1/audit', query), { schema: AuditListSchema, signal }),
};
