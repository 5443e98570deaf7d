import { SetupChecklistSchema } from '@atrium/shared';
import { api } from '../../lib/api';

export const setupApi = {
  get: (signal?: AbortSignal) => api('/api/v1/setup', { schema: SetupChecklistSchema, signal }),
  dismiss: () => api('/api/v1/setup/dismiss', { method: 'POST', schema: SetupChecklistSchema }),
  reopen: () => api('/api/v1/setup/dismiss', { method: 'DELETE', schema: SetupChecklistSchema }),
};
