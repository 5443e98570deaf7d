import {
  ApiTokenSchema,
  listOf,
  type Technician,
  type TechnicianCreate,
  TechnicianSchema,
  type TechnicianUpdate,
} from '@atrium/shared';
import { ApiError, api } from '../../lib/api';
import { cached } from '../../lib/cache';

const TechnicianListSchema = listOf(TechnicianSchema);

export const techniciansApi = {
  list: async (signal?: AbortSignal) =>
    (await api('/api/v1/technicians', { schema: TechnicianListSchema, signal })).items,
  create: (body: TechnicianCreate) =>
    api('/api/v1/technicians', { method: 'POST', body, schema: TechnicianSchema }),
  update: (id: string, body: TechnicianUpdate) =>
    api(`/api/v1/technicians/${id}`, { method: 'PATCH', body, schema: TechnicianSchema }),
  remove: (id: string) => api(`/api/v1/technicians/${id}`, { method: 'DELETE' }),
  tokens: async (id: string, signal?: AbortSignal) =>
    (await api(`/api/v1/technicians/${id}/api-tokens`, { schema: listOf(ApiTokenSchema), signal })).items,
  revokeToken: (id: string, tokenId: string) =>
    api(`/api/v1/technicians/${id}/api-tokens/${tokenId}`, { method: 'DELETE' }),
};

/**
 * The technicians to assign tickets to. The list is an admin route today: for anyone else it is
 * `null`, and pickers offer "Unassigned", the signed-in technician and whoever is assigned already.
 */
export const assigneesCache = cached(async (): Promise<Technician[] | null> => {
  try {
    return [...(await techniciansApi.list())].sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return null;
    throw error;
  }
});
