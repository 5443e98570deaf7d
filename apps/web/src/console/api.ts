import {
  ForgotPasswordAcceptedSchema,
  type PasswordChange,
  type PasswordReset,
  type TechnicianForgotPassword,
  type TechnicianLogin,
  type TechnicianPreferences,
  TechnicianSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { api } from '../lib/api';

/** `{technician}` wraps the shared technician shape in both /auth/login and /me answers. */
const TechnicianEnvelopeSchema = z.object({ technician: TechnicianSchema });

export const consoleApi = {
  getMe: async () => (await api('/api/v1/me', { schema: TechnicianEnvelopeSchema })).technician,
  updatePreferences: async (body: TechnicianPreferences) =>
    (await api('/api/v1/me', { method: 'PATCH', body, schema: TechnicianEnvelopeSchema })).technician,
  signIn: async (body: TechnicianLogin) =>
    (await api('/api/v1/auth/login', { method: 'POST', body, schema: TechnicianEnvelopeSchema })).technician,
  signOut: () => api('/api/v1/auth/logout', { method: 'POST' }),
  forgotPassword: (body: TechnicianForgotPassword) =>
    api('/api/v1/auth/forgot', { method: 'POST', body, schema: ForgotPasswordAcceptedSchema }),
  resetPassword: (body: PasswordReset) => api('/api/v1/auth/reset', { method: 'POST', body }),
  changePassword: (body: PasswordChange) => api('/api/v1/me/password', { method: 'POST', body }),
};
