import {
  type CustomerCreate,
  type CustomerListQuerySchema,
  CustomerSchema,
  type CustomerUpdate,
  listOf,
} from '@atrium/shared';
import { api, type QueryOf, withQuery } from '../../lib/api';

const CustomerListSchema = listOf(CustomerSchema);
export type CustomerListQuery = QueryOf<typeof CustomerListQuerySchema>;

export const customersApi = {
  list: (query: CustomerListQuery, signal?: AbortSignal) =>
    api(withQuery('/api/v1/customers', query), { schema: CustomerListSchema, signal }),
  get: (id: string, signal?: AbortSignal) =>
    api(`/api/v1/customers/${id}`, { schema: CustomerSchema, signal }),
  create: (body: CustomerCreate) =>
    api('/api/v1/customers', { method: 'POST', body, schema: CustomerSchema }),
  update: (id: string, body: CustomerUpdate) =>
    api(`/api/v1/customers/${id}`, { method: 'PATCH', body, schema: CustomerSchema }),
  remove: (id: string) => api(`/api/v1/customers/${id}`, { method: 'DELETE' }),
};
