import {
  type TicketStatusCreateSchema,
  TicketStatusSchema,
  type TicketStatusUpdateSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { api } from '../../lib/api';
import { cached } from '../../lib/cache';

const StatusListSchema = z.object({ items: z.array(TicketStatusSchema) });
const path = (name: string) => `/api/v1/ticket-statuses/${encodeURIComponent(name)}`;

export const statusesApi = {
  list: async (signal?: AbortSignal) =>
    (await api('/api/v1/ticket-statuses', { schema: StatusListSchema, signal })).items,
  create: (body: z.output<typeof TicketStatusCreateSchema>) =>
    api('/api/v1/ticket-statuses', { method: 'POST', body, schema: TicketStatusSchema }),
  update: (name: string, body: z.output<typeof TicketStatusUpdateSchema>) =>
    api(path(name), { method: 'PATCH', body, schema: TicketStatusSchema }),
  remove: (name: string) => api(path(name), { method: 'DELETE' }),
};

/** Every page with a status picker or filter reads this; the admin page invalidates it. */
export const statusesCache = cached(() => statusesApi.list());
