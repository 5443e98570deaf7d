import { DEFAULT_FIELDS, DEFAULT_PORTAL_SETTINGS, ERROR_STATUS } from '@atrium/shared';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildContact,
  buildCustomer,
  buildTechnician,
  type Client,
  client,
  signInContact,
  signInTechnician,
  unique,
} from '../test/factories';
import { seededRandom } from '../test/seeded-random';
import { createTestApp, type TestApp } from '../test/test-app';

/**
 * SPEC §9 under hostile input: every operation of the OpenAPI document, as the audience it is for,
 * with hostile ids, query strings, bodies and headers. No answer may be a 5xx, and every refusal
 * must be `{error: {code, message}}` with a known code and its status. The generator is seeded, so
 * a failure names a case that reproduces.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
  default?: unknown;
};
type Parameter = { in: 'path' | 'query'; name: string; schema: JsonSchema };
type Operation = {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
type OpenApi = { paths: Record<string, Record<string, Operation>> };
type Case = { label: string; request: InjectOptions };

const random = seededRandom(0x5eed_a771);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/** `count` distinct items (Fisher–Yates on a copy). */
function sample<T>(items: readonly T[], count: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

const NUL = 'a\u0000b';
const HOSTILE_IDS = [
  'x'.repeat(200),
  '%00',
  `${crypto.randomUUID()}%00`,
  '..',
  '%2e%2e',
  '%2F..%2F..%2Fetc',
  'not-a-uuid',
  '%C3%A9%F0%9F%99%82',
  '%FF%FE',
  '-1',
  '0',
  '00000000-0000-0000-0000-000000000000',
];
const HOSTILE_QUERY_VALUES = [
  '%00',
  'a%00b',
  '1e309',
  '99999999999999999999999',
  '9007199254740991',
  '-1',
  '0',
  '1.5',
  'NaN',
  '',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '99999-01-01T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '0001-01-01T00:00:00%2B01:00',
  '9999-12-31T23:00:00-02:00',
  'x'.repeat(5000),
  '%F0%9F%99%82',
  '%FF',
  'true',
  'none',
];
const HOSTILE_VALUES: unknown[] = [
  NUL,
  '\u0000',
  `${'x'.repeat(30)}\u0000`,
  42,
  -1,
  1e308,
  1.5,
  true,
  null,
  [],
  [NUL],
  {},
  { nested: NUL },
  '',
  ' ',
  'x'.repeat(300_000),
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:00:00-02:00',
  '99999-01-01T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '0000-01-01',
  '\u{1F642}\uD800',
  '__proto__',
];

function multipart(fields: Record<string, string>, boundary = 'fuzzboundary'): Buffer {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return Buffer.from(`${parts.join('')}--${boundary}--\r\n`);
}

/** Per property: the NUL string, which PostgreSQL refuses, and a sample of the other values. */
const SAMPLES_PER_PROPERTY = 4;
/** Bodies of the rarer kinds each operation gets, out of about twenty: each kind meets a dozen or more. */
const SOMETIMES_PER_OPERATION = 6;
const SAMPLES_PER_QUERY_PARAMETER = 4;
/** Of the 15 kinds: each still meets a score of operations, at under a third of the requests. */
const HEADER_CASES_PER_OPERATION = 4;

type Audience = 'public' | 'technician' | 'contact';
type Target = { method: string; path: string; operation: Operation; audience: Audience };

function audienceOf(path: string): Audience {
  if (path.endsWith('/auth/login') || path === '/portal/api/branding') return 'public';
  return path.startsWith('/portal/api/') ? 'contact' : 'technician';
}

/** Operations that end what later cases need (a session, a seeded row) run last, on ids of their own. */
const isDestructive = (target: Target) => target.method === 'delete' || target.path.endsWith('/logout');

/** The routes that also take multipart/form-data say so in their summary. */
const readsForms = (operation: Operation) => /multipart/i.test(operation.summary ?? '');

const bodySchema = (operation: Operation): JsonSchema | undefined =>
  operation.requestBody?.content['application/json']?.schema;

const valueSchema = (schema: JsonSchema): JsonSchema | undefined =>
  typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;

/** Record keys the seeded data knows: the custom field, a mail template and one of its languages. */
const recordKey = (name: string) => (name === 'customFields' ? 'fuzz_field' : name === '' ? 'welcome' : 'en');

/** What is wrong with an answer, if anything. */
function judge(response: LightMyRequestResponse): string | undefined {
  if (response.statusCode >= 500) return 'server error';
  if (response.statusCode < 400) return undefined;
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return 'refusal that is not JSON';
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return 'refusal out of shape';
  if (!Object.hasOwn(ERROR_STATUS, error.code)) return `unknown code ${error.code}`;
  if (ERROR_STATUS[error.code as keyof typeof ERROR_STATUS] !== response.statusCode)
    return `code ${error.code} with status ${response.statusCode}`;
  return undefined;
}

describe('the API under hostile input', () => {
  let t: TestApp;
  let targets: Target[];
  /** Ids by property name (`customerId`) and by path family (`/tickets/`). */
  const seeded: Record<string, string> = {};
  const signIn = {} as Record<Exclude<Audience, 'public'>, () => Promise<Client>>;
  const clients: Record<Audience, Client[]> = { public: [], technician: [], contact: [] };
  /** The admin's API token: unlike the cookie, no sign-out case ends it. */
  let admin: Client;
  let signedInContactId: string;

  /** A value the schema accepts, so a hostile property next to it is the only thing wrong. */
  function validValue(schema: JsonSchema, name: string): unknown {
    const option = schema.anyOf ?? schema.oneOf;
    if (option) return validValue(option.find((s) => s.type !== 'null') ?? {}, name);
    if (schema.enum) return schema.enum[0];
    if (schema.default !== undefined) return schema.default;
    switch (schema.type) {
      case 'object':
        return Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([key, child]) => [key, validValue(child, key)]),
        );
      case 'array':
        return schema.minItems ? [validValue(schema.items ?? {}, name)] : [];
      case 'integer':
      case 'number':
        return schema.minimum ?? 1;
      case 'boolean':
        return false;
      case 'string':
        if (seeded[name]) return seeded[name];
        if (schema.format === 'uuid') return crypto.randomUUID();
        if (schema.format === 'email') return `${unique('fuzz')}@fuzz.example`;
        if (schema.format === 'date-time') return '2030-01-01T00:00:00Z';
        if (name === 'key') return `k${Math.floor(random() * 1e9)}`;
        if (name === 'phone') return '+33612345678';
        if (schema.pattern?.includes('[a-z]{2,63}')) return `${unique('d').toLowerCase()}.example`;
        return 'x'.repeat(Math.max(schema.minLength ?? 1, 16));
      default:
        return 'x';
    }
  }

  /** Every property path of an object schema, into nested objects and records. */
  function propertyPaths(schema: JsonSchema, name = '', prefix: string[] = []): string[][] {
    const children = Object.entries(schema.properties ?? {});
    const values = valueSchema(schema);
    if (values) children.push([recordKey(name), values]);
    return children.flatMap(([key, child]) => [
      [...prefix, key],
      ...propertyPaths(child, key, [...prefix, key]),
    ]);
  }

  /** `base` with the value at `path` replaced; parents it lacks are made valid. */
  function withValue(schema: JsonSchema, base: unknown, path: string[], value: unknown): unknown {
    const [head, ...rest] = path;
    if (head === undefined) return value;
    const child = schema.properties?.[head] ?? valueSchema(schema) ?? {};
    const object = (typeof base === 'object' && base !== null ? base : {}) as Record<string, unknown>;
    const current = head in object ? object[head] : validValue(child, head);
    return { ...object, [head]: withValue(child, current, rest, value) };
  }

  function urlOf(target: Target, override?: { name: string; value: string }): string {
    const family = Object.keys(seeded).find((key) => key.startsWith('/') && target.path.includes(key));
    return target.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
      if (override?.name === name) return override.value;
      const id = !isDestructive(target) && family ? seeded[family] : undefined;
      return id ? encodeURIComponent(id) : crypto.randomUUID();
    });
  }

  /** A valid body for methods that take one, so what is under test is the only thing wrong. */
  function validBody(target: Target): Pick<InjectOptions, 'payload' | 'headers'> {
    if (target.method === 'get' || target.method === 'delete') return {};
    const schema = bodySchema(target.operation);
    return {
      payload: JSON.stringify(schema ? validValue(schema, '') : {}),
      headers: { 'content-type': 'application/json' },
    };
  }

  const send = (target: Target, label: string, request: Omit<InjectOptions, 'method'>): Case => ({
    label,
    request: { method: target.method.toUpperCase() as 'GET', ...request },
  });
  const sendJson = (target: Target, label: string, url: string, payload: string): Case =>
    send(target, label, { url, payload, headers: { 'content-type': 'application/json' } });

  function idCases(target: Target): Case[] {
    const names = (target.operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    return names.flatMap((name) =>
      HOSTILE_IDS.map((value) =>
        send(target, `${name}=${value.slice(0, 40)}`, {
          url: urlOf(target, { name, value }),
          ...validBody(target),
        }),
      ),
    );
  }

  function queryCases(target: Target): Case[] {
    const url = urlOf(target);
    const names = (target.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    // No body: no operation reads both, and a valid one would only make writes succeed, slowly.
    const withQuery = (query: string) => send(target, `?${query.slice(0, 60)}`, { url: `${url}?${query}` });
    return [
      withQuery('q=%00&status=%00&page=-1&unknown=1'),
      withQuery('page=1&page=2&pageSize[]=3&q[a]=b'),
      withQuery(`${'a'.repeat(3000)}=1`),
      withQuery('%00=%00&%FF'),
      ...names.flatMap((name) => [
        withQuery(`${name}=a&${name}=b`),
        withQuery(`${name}[]=a`),
        ...sample(HOSTILE_QUERY_VALUES, SAMPLES_PER_QUERY_PARAMETER).map((value) =>
          withQuery(`${name}=${value}`),
        ),
      ]),
    ];
  }

  function bodyCases(target: Target): Case[] {
    const url = urlOf(target);
    const schema = bodySchema(target.operation) ?? {};
    const base = validValue(schema, '') ?? {};
    const raw = (label: string, payload: string | Buffer, contentType: string) =>
      send(target, label, { url, payload, headers: { 'content-type': contentType } });
    const form = (label: string, fields: Record<string, string>) =>
      raw(label, multipart(fields), 'multipart/form-data; boundary=fuzzboundary');
    const formFields = Object.fromEntries(
      Object.entries(base as object).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]),
    );
    const topLevel = Object.keys(schema.properties ?? {});
    const json = (payload: string) =>
      sendJson(target, `body ${payload.slice(0, 20) || '(empty)'}`, url, payload);
    const forms = [
      form('multipart without fields', {}),
      form('multipart of NUL fields', Object.fromEntries(topLevel.map((key) => [key, NUL]))),
      raw('multipart without a boundary', 'x', 'multipart/form-data'),
      raw('multipart garbage', `--b\r\n${'x'.repeat(100)}`, 'multipart/form-data; boundary=b'),
      raw('multipart with a long boundary', '--', `multipart/form-data; boundary=${'b'.repeat(300)}`),
      ...topLevel.map((key) => form(`multipart ${key}=NUL`, { ...formFields, [key]: NUL })),
    ];
    // Routes documented as taking forms get every form case; the others a few, like the rarer bodies.
    const takesForms = readsForms(target.operation);
    const always = [
      ...['null', '[]', '"x"', '1', '{}', '"\\u0000"', 'not json'].map(json),
      json(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
      raw('text', 'x', 'text/plain'),
      ...(takesForms ? forms : forms.slice(0, 1)),
    ];
    const sometimes = [
      ...['true', '""', '{"a":1', ''].map(json),
      json(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
      json('{"__proto__":{"admin":true}}'),
      json('{"constructor":{"prototype":{"admin":true}}}'),
      json(JSON.stringify({ ...(base as object), [NUL]: 1 })),
      raw('XML', '<a/>', 'application/xml'),
      raw('a URL-encoded form', 'a=b', 'application/x-www-form-urlencoded'),
      raw('JSON in UTF-16', '{}', 'application/json; charset=utf-16'),
      ...(takesForms ? [] : forms.slice(1)),
    ];
    return [
      ...always,
      ...sample(sometimes, SOMETIMES_PER_OPERATION),
      ...propertyPaths(schema).flatMap((path) =>
        [NUL, ...sample(HOSTILE_VALUES.slice(1), SAMPLES_PER_PROPERTY - 1)].map((value) =>
          sendJson(
            target,
            `${path.join('.')}=${JSON.stringify(value)?.slice(0, 40)}`,
            url,
            JSON.stringify(withValue(schema, base, path, value)),
          ),
        ),
      ),
    ];
  }

  function headerCases(target: Target): Case[] {
    const url = urlOf(target);
    const body = validBody(target);
    const withHeaders = (label: string, headers: Record<string, string>) =>
      send(target, label, { url, payload: body.payload, headers: { ...body.headers, ...headers } });
    return sample(
      [
        withHeaders('content-type ;;;', { 'content-type': ';;;' }),
        withHeaders('content-type with a bad charset', { 'content-type': 'application/json; charset=nope' }),
        withHeaders('content-type with a bad parameter', { 'content-type': 'application/json; ==;' }),
        withHeaders('a huge cookie', { cookie: `a=${'x'.repeat(100_000)}` }),
        withHeaders('a cookie of many pairs', {
          cookie: Array.from({ length: 2000 }, (_, i) => `c${i}=%00`).join('; '),
        }),
        withHeaders('NUL sessions', { cookie: 'atrium_session=%00; atrium_portal_session=%00' }),
        withHeaders('sessions that do not decode', {
          cookie: 'atrium_session=%E0%A4%A; atrium_portal_session=%FF',
        }),
        withHeaders('odd cache-control', {
          'cache-control': `no-cache, max-age=-1, ${'no-store,'.repeat(500)}`,
        }),
        withHeaders('a huge bearer', { authorization: `Bearer ${'x'.repeat(10_000)}` }),
        withHeaders('a bare bearer', { authorization: 'Bearer' }),
        withHeaders('another scheme', { authorization: 'Basic Zm9vOmJhcg==' }),
        withHeaders('an odd accept', { accept: 'text/html;q=x, */*;q=' }),
        withHeaders('origin null', { origin: 'null' }),
        withHeaders('a referer that is not a URL', { origin: '', referer: 'http://[' }),
        withHeaders('a hostile request id', { 'x-request-id': '../../etc/passwd' }),
      ],
      HEADER_CASES_PER_OPERATION,
    );
  }

  type Failure = { operation: string; label: string; status: number; problem: string };

  /**
   * Technician operations just ran with valid values next to the hostile one: they may have turned
   * features off, hidden fields or billed the seeded ticket. Contacts get a portal where every field
   * is theirs to write again, so their hostile values reach the database.
   */
  async function openThePortal(): Promise<void> {
    const { branding: _branding, ...settings } = DEFAULT_PORTAL_SETTINGS;
    const restored = [
      await admin.patch('/api/v1/settings/portal', {
        ...settings,
        fieldVisibility: Object.fromEntries(DEFAULT_FIELDS.map((field) => [field, 'edit'])),
      }),
      await admin.patch(`/api/v1/tickets/${seeded['/tickets/']}`, {
        status: 'Open',
        billed: false,
        contactId: signedInContactId,
      }),
      await admin.patch(`/api/v1/custom-fields/${seeded['/custom-fields/']}`, {
        portalVisibility: 'edit',
      }),
    ];
    for (const response of restored) expect(response.statusCode, response.body).toBe(200);
  }

  /**
   * Sends each target's cases as its audience (technicians by cookie or token, picked at random)
   * and collects every answer that fails `judge`. After a sign-out's cases, its audience signs in again.
   */
  async function fuzz(make: (target: Target) => Case[], only: (target: Target) => boolean = () => true) {
    const failures: Failure[] = [];
    const covered = new Set<string>();
    const chosen = targets.filter(only);
    for (const [index, target] of chosen.entries()) {
      const operation = `${target.method.toUpperCase()} ${target.path}`;
      if (target.audience === 'contact' && chosen[index - 1]?.audience !== 'contact') await openThePortal();
      const cases = make(target);
      for (const { label, request } of cases) {
        const { method, url, payload, headers } = request;
        const response = await pick(clients[target.audience]).request(
          method as 'GET',
          String(url),
          payload,
          headers as Record<string, string>,
        );
        const problem = judge(response);
        if (problem) failures.push({ operation, label, status: response.statusCode, problem });
      }
      if (target.audience !== 'public' && target.path.endsWith('/logout')) {
        clients[target.audience][0] = await signIn[target.audience]();
      }
      if (cases.length > 0) covered.add(operation);
    }
    return { failures, covered: covered.size, of: chosen.length };
  }

  beforeAll(async () => {
    t = await createTestApp();
    const first = await buildTechnician(t, { role: 'admin' });
    signIn.technician = () =>
      signInTechnician(t, { email: first.technician.email, password: first.password });
    const technician = await signIn.technician();
    const token = await technician.post('/api/v1/api-tokens', { name: 'fuzz' });
    const customer = await buildCustomer(t);
    const person = await buildContact(t, { customerId: customer.id, isPrimary: true });
    signIn.contact = () => signInContact(t, { username: person.contact.username, password: person.password });
    const contact = await signIn.contact();
    admin = client(t, { bearer: token.json().token });
    signedInContactId = person.contact.id;
    Object.assign(clients, { public: [client(t)], technician: [technician, admin], contact: [contact] });

    const victim = await buildContact(t, { customerId: customer.id });
    const colleague = await buildTechnician(t);
    const created = {
      ticket: await contact.post('/portal/api/tickets', { title: 'Fuzz', description: 'Target' }),
      field: await technician.post('/api/v1/custom-fields', {
        key: 'fuzz_field',
        label: { en: 'Fuzz' },
        type: 'text',
        portalVisibility: 'edit',
      }),
      status: await technician.post('/api/v1/ticket-statuses', { name: 'Fuzzed' }),
      category: await technician.post('/api/v1/kb/categories', { name: { en: 'Fuzz' } }),
      article: await technician.post('/api/v1/kb/articles', {
        title: 'Fuzz',
        body: 'Body',
        language: 'en',
        shared: true,
        status: 'published',
      }),
      token: await technician.post('/api/v1/api-tokens', { name: 'victim' }),
    };
    for (const response of [token, ...Object.values(created)]) {
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
    const idOf = (response: LightMyRequestResponse): string => response.json().id;
    Object.assign(seeded, {
      customerId: customer.id,
      contactId: victim.contact.id,
      technicianId: colleague.technician.id,
      categoryId: idOf(created.category),
      translationOf: idOf(created.article),
      '/technicians/': colleague.technician.id,
      '/customers/': customer.id,
      '/contacts/': victim.contact.id,
      '/tickets/': idOf(created.ticket),
      '/custom-fields/': idOf(created.field),
      '/ticket-statuses/': 'Fuzzed',
      '/kb/categories/': idOf(created.category),
      '/kb/articles/': idOf(created.article),
      '/api-tokens/': idOf(created.token),
    });

    const spec = (await client(t).get('/api/openapi.json')).json() as OpenApi;
    const all = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method,
        path,
        operation,
        audience: audienceOf(path),
      })),
    );
    targets = [...all.filter((target) => !isDestructive(target)), ...all.filter(isDestructive)];
  });
  afterAll(async () => t.close());

  it('finds operations of both APIs in the document', () => {
    expect(targets.length).toBeGreaterThan(50);
    expect(targets.filter((target) => target.audience === 'contact').length).toBeGreaterThan(10);
    expect(targets.filter((target) => readsForms(target.operation)).length).toBeGreaterThanOrEqual(3);
  });

  it('answers hostile ids in every path in shape, never with a server error', {
    timeout: 120_000,
  }, async () => {
    const hasId = (target: Target) => (target.operation.parameters ?? []).some((p) => p.in === 'path');
    const result = await fuzz(idCases, hasId);
    expect(result.failures).toEqual([]);
    expect(result.covered).toBe(result.of);
  });

  it('answers hostile query strings on every operation in shape', { timeout: 120_000 }, async () => {
    const result = await fuzz(queryCases);
    expect(result.failures).toEqual([]);
    expect(result.covered).toBe(targets.length);
  });

  it('answers hostile bodies on every operation that writes in shape', { timeout: 180_000 }, async () => {
    const writes = (target: Target) => target.method !== 'get';
    const result = await fuzz(bodyCases, writes);
    expect(result.failures).toEqual([]);
    expect(result.covered).toBe(targets.filter(writes).length);
  });

  it('answers hostile headers on every operation in shape', { timeout: 120_000 }, async () => {
    const result = await fuzz(headerCases);
    expect(result.failures).toEqual([]);
    expect(result.covered).toBe(targets.length);
  });
});
