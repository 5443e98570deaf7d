import {
  CommentSchema,
  listOf,
  type TicketCreate,
  TicketHistorySchema,
  type TicketListQuerySchema,
  TicketSchema,
  type TicketUpdate,
} from '@atrium/shared';
import { z } from 'zod';
import { api, type QueryOf, withQuery } from '../../lib/api';

const TicketListSchema = listOf(TicketSchema);
const CommentListSchema = z.object({ items: z.array(CommentSchema) });

export type TicketListQuery = QueryOf<typeof TicketListQuerySchema>;

export type NewComment = { body: string; internal: boolean; files: readonly File[] };

export const ticketsApi = {
  list: (query: TicketListQuery, signal?: AbortSignal) =>
    api(withQuery('/api/v1/tickets', query), { schema: TicketListSchema, signal }),
  get: (id: string, signal?: AbortSignal) => api(`/api/v1/tickets/${id}`, { schema: TicketSchema, signal }),
  create: (body: TicketCreate) => api('/api/v1/tickets', { method: 'POST', body, schema: TicketSchema }),
  update: (id: string, body: TicketUpdate) =>
    api(`/api/v1/tickets/${id}`, { method: 'PATCH', body, schema: TicketSchema }),
  /** The ticket it follows up, its follow-ups, and its status, billing and technician changes. */
  history: (id: string, signal?: AbortSignal) =>
    api(`/api/v1/tickets/${id}/history`, { schema: TicketHistorySchema, signal }),
  comments: async (id: string, signal?: AbortSignal) =>
    (await api(`/api/v1/tickets/${id}/comments`, { schema: CommentListSchema, signal })).items,
  /** JSON without files; multipart with them (`body`, `internal` as "true"/"false", `files`). */
  addComment: (id: string, { body, internal, files }: NewComment) => {
    const path = `/api/v1/tickets/${id}/comments`;
    if (files.length === 0) {
      return api(path, { method: 'POST', body: { body, internal }, schema: CommentSchema });
    }
    const form = new FormData();
    form.set('body', body);
    form.set('internal', String(internal));
    for (const file of files) form.append('files', file, file.name);
    return api(path, { method: 'POST', body: form, schema: CommentSchema });
  },
};
