import { ApiTokenCreatedSchema, type ApiTokenCreateSchema, listOf } from '@atrium/shared';
import { z } from 'zod';
import { api } from '../../lib/api';

/**
 * A token in the list: the created shape without its secret. `lastUsedAt` is what the server adds;
 * packages/shared has no schema for the list item yet, so it is derived here (optional, to be safe).
 */
export const ApiTokenSummarySchema = ApiTokenCreatedSchema.omit({ token: true }).extend({
  lastUsedAt: z.string().nullable().optional(),
});
export type ApiTokenSummary = z.infer<typeof ApiTokenSummarySchema>;

export const accountApi = {
  tokens: async (signal?: AbortSignal) =>
    (await api('/api/v1/api-tokens', { schema: listOf(ApiTokenSummarySchema), signal })).items,
  createToken: (body: z.output<typeof ApiTokenCreateSchema>) =>
    api('/api/v1/api-tokens', { method: 'POST', body, schema: ApiTokenCreatedSchema }),
  revokeToken: (id: string) => api(`/api/v1/api-tokens/${id}`, { method: 'DELETE' }),
};
