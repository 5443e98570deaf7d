import { type CustomFieldCreate, CustomFieldSchema, type CustomFieldUpdate } from '@atrium/shared';
import { z } from 'zod';
import { api } from '../../lib/api';
import { cached } from '../../lib/cache';

const CustomFieldListSchema = z.object({ items: z.array(CustomFieldSchema) });

export const customFieldsApi = {
  list: async (signal?: AbortSignal) =>
    (await api('/api/v1/custom-fields', { schema: CustomFieldListSchema, signal })).items,
  create: (body: CustomFieldCreate) =>
    api('/api/v1/custom-fields', { method: 'POST', body, schema: CustomFieldSchema }),
  update: (id: string, body: CustomFieldUpdate) =>
    api(`/api/v1/custom-fields/${id}`, { method: 'PATCH', body, schema: CustomFieldSchema }),
  remove: (id: string) => api(`/api/v1/custom-fields/${id}`, { method: 'DELETE' }),
};

/** The ticket form and page read the fields from here; the admin page invalidates it. */
export const customFieldsCache = cached(async () =>
  [...(await customFieldsApi.list())].sort((a, b) => a.position - b.position),
);
