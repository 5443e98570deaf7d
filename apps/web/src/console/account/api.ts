import {
  type ApiToken,
  type ApiTokenCreate,
  ApiTokenCreatedSchema,
  ApiTokenSchema,
  listOf,
} from '@atrium/shared';
import { api } from '../../lib/api';

export const accountApi = {
  tokens: async (signal?: AbortSignal): Promise<ApiToken[]> =>
    (await api('/api/v1/api-tokens', { schema: listOf(ApiTokenSchema), signal })).items,
  createToken: (body: ApiTokenCreate) =>
    api('/api/v1/api-tokens', { method: 'POST', body, schema: ApiTokenCreatedSchema }),
  revokeToken: (id: string) => api(`/api/v1/api-tokens/${id}`, { method: 'DELETE' }),
};
