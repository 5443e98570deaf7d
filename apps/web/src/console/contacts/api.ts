import {
  type ContactCreate,
  ContactCreatedSchema,
  type ContactListQuerySchema,
  ContactSchema,
  type ContactUpdate,
  type CredentialsMail,
  CredentialsResetResultSchema,
  listOf,
} from '@atrium/shared';
import { api, type QueryOf, withQuery } from '../../lib/api';

const ContactListSchema = listOf(ContactSchema);
export type ContactListQuery = QueryOf<typeof ContactListQuerySchema>;
export type Credentials = CredentialsMail & { username: string; password: string };

export const contactsApi = {
  list: (query: ContactListQuery, signal?: AbortSignal) =>
    api(withQuery('/api/v1/contacts', query), { schema: ContactListSchema, signal }),
  get: (id: string, signal?: AbortSignal) => api(`/api/v1/contacts/${id}`, { schema: ContactSchema, signal }),
  create: (body: ContactCreate) =>
    api('/api/v1/contacts', { method: 'POST', body, schema: ContactCreatedSchema }),
  update: (id: string, body: ContactUpdate) =>
    api(`/api/v1/contacts/${id}`, { method: 'PATCH', body, schema: ContactSchema }),
  remove: (id: string) => api(`/api/v1/contacts/${id}`, { method: 'DELETE' }),
  resetCredentials: async (id: string, sendEmail: boolean): Promise<Credentials> => {
    const result = await api(`/api/v1/contacts/${id}/credentials/reset`, {
      method: 'POST',
      body: { sendEmail },
      schema: CredentialsResetResultSchema,
    });
    return {
      username: result.portalUsername,
      password: result.portalPassword,
      emailQueued: result.emailQueued,
      emailSkipped: result.emailSkipped,
    };
  },
};
