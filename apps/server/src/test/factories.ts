import type { Language, TechnicianRole } from '@atrium/shared';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { generatePassword, hashPassword } from '../lib/passwords';
import { insertContact } from '../modules/contacts/contacts.repo';
import { insertCustomer } from '../modules/customers/customers.repo';
import { insertTechnician } from '../modules/technicians/technicians.repo';
import { SESSION_COOKIES } from '../plugins/authenticate';
import { TEST_ORIGIN, type TestApp } from './test-app';

let sequence = 0;
/** Unique per call, so every test builds its own people and companies. */
export const unique = (label: string) =>
  `${label}-${process.pid}-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Client = {
  request(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
};

/** An HTTP client as a browser on Atrium's own origin would be (or as a script, with a bearer token). */
export function client(t: TestApp, auth: { cookie?: string; bearer?: string } = {}): Client {
  const request: Client['request'] = (method, url, body, headers = {}) => {
    const options: InjectOptions = {
      method,
      url,
      headers: {
        origin: TEST_ORIGIN,
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
        ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    };
    return t.app.inject(options);
  };
  return {
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => request('PATCH', url, body, headers),
    delete: (url, headers) => request('DELETE', url, undefined, headers),
  };
}

export async function buildTechnician(
  t: TestApp,
  overrides: { role?: TechnicianRole; password?: string; language?: Language } = {},
) {
  const password = overrides.password ?? generatePassword();
  const technician = await insertTechnician(t.database.db, {
    email: `${unique('tech')}@msp.example`,
    name: unique('Technician'),
    role: overrides.role ?? 'technician',
    language: overrides.language,
    passwordHash: await hashPassword(password),
  });
  return { technician, password };
}

export async function buildCustomer(t: TestApp, overrides: { name?: string } = {}) {
  return insertCustomer(t.database.db, { name: overrides.name ?? unique('Customer') });
}

export async function buildContact(
  t: TestApp,
  overrides: {
    customerId?: string | null;
    isPrimary?: boolean;
    language?: Language;
    firstName?: string;
  } = {},
) {
  const password = generatePassword();
  const customerId = overrides.customerId === undefined ? (await buildCustomer(t)).id : overrides.customerId;
  const email = `${unique('contact')}@customer.example`;
  const contact = await insertContact(t.database.db, {
    customerId,
    firstName: overrides.firstName ?? 'Camille',
    lastName: unique('Contact'),
    email,
    username: email,
    isPrimary: overrides.isPrimary ?? false,
    language: overrides.language ?? 'en',
    passwordHash: await hashPassword(password),
  });
  return { contact, password };
}

export function sessionCookie(
  response: LightMyRequestResponse,
  audience: keyof typeof SESSION_COOKIES,
): string {
  const { name } = SESSION_COOKIES[audience];
  const cookie = response.cookies.find((c) => c.name === name);
  if (!cookie)
    throw new Error(`no ${name} cookie in the response (status ${response.statusCode}: ${response.body})`);
  return `${name}=${cookie.value}`;
}

export async function signInTechnician(
  t: TestApp,
  login: { email: string; password: string },
): Promise<Client> {
  const response = await client(t).post('/api/v1/auth/login', login);
  return client(t, { cookie: sessionCookie(response, 'technician') });
}

export async function signInContact(
  t: TestApp,
  login: { username: string; password: string },
): Promise<Client> {
  const response = await client(t).post('/portal/api/auth/login', login);
  return client(t, { cookie: sessionCookie(response, 'contact') });
}

/** A signed-in technician of the given role, ready to call the API. */
export async function technicianClient(t: TestApp, role: TechnicianRole = 'admin') {
  const { technician, password } = await buildTechnician(t, { role });
  return { technician, client: await signInTechnician(t, { email: technician.email, password }) };
}

/** A signed-in contact (of a new customer unless one is given). */
export async function contactClient(t: TestApp, overrides: Parameters<typeof buildContact>[1] = {}) {
  const { contact, password } = await buildContact(t, overrides);
  return { contact, client: await signInContact(t, { username: contact.username, password }) };
}
