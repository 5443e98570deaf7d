import {
  type CertificateUpload,
  CustomDomainStatusSchema,
  type PortalSettingsPatch,
  PortalSettingsResponseSchema,
} from '@atrium/shared';
import { api } from '../../lib/api';

export const portalSettingsApi = {
  get: (signal?: AbortSignal) =>
    api('/api/v1/settings/portal', { schema: PortalSettingsResponseSchema, signal }),
  /** Merged into the stored settings; the answer is the whole new state. */
  update: (body: PortalSettingsPatch) =>
    api('/api/v1/settings/portal', { method: 'PATCH', body, schema: PortalSettingsResponseSchema }),
  /** Asks DNS again on every call. */
  getDomain: (signal?: AbortSignal) =>
    api('/api/v1/settings/portal/domain', { schema: CustomDomainStatusSchema, signal }),
  uploadCertificate: (body: CertificateUpload) =>
    api('/api/v1/settings/portal/domain/certificate', {
      method: 'PUT',
      body,
      schema: CustomDomainStatusSchema,
    }),
};
