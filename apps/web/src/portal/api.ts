import { type ContactLogin, PortalMeSchema, type PortalMeUpdateSchema } from '@atrium/shared';
import type { z } from 'zod';
import { api } from '../lib/api';

export type PortalMeUpdate = z.input<typeof PortalMeUpdateSchema>;

export const portalApi = {
  getMe: () => api('/portal/api/me', { schema: PortalMeSchema }),
  signIn: (body: ContactLogin) =>
    api('/portal/api/auth/login', { method: 'POST', body, schema: PortalMeSchema }),
  signOut: () => api('/portal/api/auth/logout', { method: 'POST' }),
  updateMe: (body: PortalMeUpdate) =>
    api('/portal/api/me', { method: 'PATCH', body, schema: PortalMeSchema }),
};
