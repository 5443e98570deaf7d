import { type PortalSettingsPatch, PortalSettingsResponseSchema } from '@atrium/shared';
import { api } from '../../lib/api';

export const portalSettingsApi = {
  get: (signal?: AbortSignal) =>
    api('/api/v1/settings/portal', { schema: PortalSettingsResponseSchema, signal }),
  /** Merged into the stored settings; the answer is the whole new state. */
  update: (body: PortalSettingsPatch) =>
    api('/api/v1/settings/portal', { method: 'PATCH', body, schema: PortalSettingsResponseSchema }),
};
