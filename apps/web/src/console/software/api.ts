import { type SoftwareCreate, SoftwareSchema, type SoftwareUpdate } from '@atrium/shared';
import { z } from 'zod';
import { api } from '../../lib/api';
import { cached } from '../../lib/cache';

const SoftwareListSchema = z.object({ items: z.array(SoftwareSchema) });

export const softwareApi = {
  list: async (signal?: AbortSignal) =>
    (await api('/api/v1/software', { schema: SoftwareListSchema, signal })).items,
  create: (body: SoftwareCreate) => api('/api/v1/software', { method: 'POST', body, schema: SoftwareSchema }),
  update: (id: string, body: SoftwareUpdate) =>
    api(`/api/v1/software/${id}`, { method: 'PATCH', body, schema: SoftwareSchema }),
  remove: (id: string) => api(`/api/v1/software/${id}`, { method: 'DELETE' }),
};

/** The catalog, by name as the server sends it; the admin page invalidates it after each change. */
export const softwareCache = cached(() => softwareApi.list());
