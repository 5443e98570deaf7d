import {
  type ActionCreate,
  type ActionListQuerySchema,
  ActionSchema,
  type DeviceListQuerySchema,
  DeviceSchema,
  type DeviceUpdate,
  type EnrollmentTokenCreate,
  EnrollmentTokenCreatedSchema,
  EnrollmentTokenSchema,
  listOf,
} from '@atrium/shared';
import { api, type QueryOf, withQuery } from '../../lib/api';

const DeviceListSchema = listOf(DeviceSchema);
const ActionListSchema = listOf(ActionSchema);
export type DeviceListQuery = QueryOf<typeof DeviceListQuerySchema>;
export type ActionListQuery = QueryOf<typeof ActionListQuerySchema>;

export const devicesApi = {
  list: (query: DeviceListQuery, signal?: AbortSignal) =>
    api(withQuery('/api/v1/devices', query), { schema: DeviceListSchema, signal }),
  get: (id: string, signal?: AbortSignal) => api(`/api/v1/devices/${id}`, { schema: DeviceSchema, signal }),
  remove: (id: string) => api(`/api/v1/devices/${id}`, { method: 'DELETE' }),
  update: (id: string, body: DeviceUpdate) =>
    api(`/api/v1/devices/${id}`, { method: 'PATCH', body, schema: DeviceSchema }),
  /** The same `idempotencyKey` twice makes one action: the server answers the second with the first. */
  runAction: (id: string, body: ActionCreate, idempotencyKey: string) =>
    api(`/api/v1/devices/${id}/actions`, {
      method: 'POST',
      body,
      headers: { 'idempotency-key': idempotencyKey },
      schema: ActionSchema,
    }),
  actions: (query: ActionListQuery, signal?: AbortSignal) =>
    api(withQuery('/api/v1/actions', query), { schema: ActionListSchema, signal }),
  cancelAction: (id: string) => api(`/api/v1/actions/${id}/cancel`, { method: 'POST', schema: ActionSchema }),
};

export const enrollmentApi = {
  create: (body: EnrollmentTokenCreate) =>
    api('/api/v1/enrollment-tokens', { method: 'POST', body, schema: EnrollmentTokenCreatedSchema }),
  list: async (customerId: string, signal?: AbortSignal) =>
    (
      await api(withQuery('/api/v1/enrollment-tokens', { customerId }), {
        schema: listOf(EnrollmentTokenSchema),
        signal,
      })
    ).items,
  revoke: (id: string) =>
    api(`/api/v1/enrollment-tokens/${id}`, { method: 'DELETE', schema: EnrollmentTokenSchema }),
};
