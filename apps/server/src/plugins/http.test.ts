import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, contactClient, technicianClient } from '../test/factories';
import { createTestApp, type TestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const errorShape = { error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } };

/** A multipart body as a browser would send it. */
async function multipart(form: FormData) {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

/** The field paths a 400 names. */
const refusedPaths = (response: { json(): { error: { details?: { path: string }[] } } }) =>
  (response.json().error.details ?? []).map((detail) => detail.path);

describe('HTTP basics', () => {
  it('reports health', async () => {
    const response = await client(t).get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers 401 to an anonymous call on every /api/v1 route but sign-in and password reset, and on unknown ones', async () => {
    const isPublic = new Set(['/api/v1/auth/login', '/api/v1/auth/forgot', '/api/v1/auth/reset']);
    const spec = (await client(t).get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const calls = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/v1/') && !isPublic.has(path))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({
          method,
          url: path.replace(/\{[^}]+\}/g, crypto.randomUUID()),
        })),
      );
    expect(calls.length).toBeGreaterThan(8);
    calls.push({ method: 'get', url: '/api/v1/does-not-exist' });
    for (const call of calls) {
      const response = await t.app.inject({
        method: call.method.toUpperCase() as 'GET',
        url: call.url,
        payload: {},
      });
      expect({ call, status: response.statusCode }).toEqual({ call, status: 401 });
      expect(response.json()).toEqual(errorShape);
    }
  });

  it('publishes an OpenAPI document listing the technician and portal APIs', async () => {
    const response = await client(t).get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/technicians',
        '/api/v1/settings/portal',
        '/portal/api/me',
      ]),
    );
    expect(paths).toContain('/portal/api/auth/login');
    expect(response.json().paths['/api/v1/technicians'].post.requestBody).toBeDefined();
  });

  it('gives a 404 in the error shape for unknown API paths', async () => {
    const { client: admin } = await technicianClient(t);
    const unknownTechnicianPath = await admin.get('/api/v1/no-such-thing');
    expect(unknownTechnicianPath.statusCode).toBe(404);
    expect(unknownTechnicianPath.json()).toEqual(errorShape);
    const unknownRoot = await client(t).get('/api/nothing-here');
    expect(unknownRoot.statusCode).toBe(404);
    expect(unknownRoot.json()).toEqual(errorShape);
    const unknownId = await admin.patch(`/api/v1/technicians/${crypto.randomUUID()}`, { name: 'X' });
    expect(unknownId.statusCode).toBe(404);
    expect(unknownId.json().error.code).toBe('not_found');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await client(t).request('POST', '/api/v1/auth/login', '{"email": "a@b.c",', {
      'content-type': 'application/json',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('answers an oversized body with 413 and a body in another format with 415', async () => {
    const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) });
    const tooLarge = await client(t).request('POST', '/api/v1/auth/login', big, {
      'content-type': 'application/json',
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    const xml = await client(t).request('POST', '/api/v1/auth/login', '<login/>', {
      'content-type': 'application/xml',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('unsupported_media_type');
  });

  it('names each invalid field in a 400 validation_failed, and refuses unknown keys', async () => {
    const { client: admin } = await technicianClient(t);
    const response = await admin.post('/api/v1/technicians', {
      email: 'not-an-email',
      name: '',
      role: 'boss',
      password: 1,
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.role', 'body.password']));
    const extra = await admin.post('/api/v1/api-tokens', { name: 'ok', admin: true });
    expect(extra.statusCode).toBe(400);
  });

  it('echoes a request id, keeping a sane one from a proxy', async () => {
    const fresh = await client(t).get('/healthz');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const forwarded = await client(t).get('/healthz', { 'x-request-id': 'proxy-abc-123' });
    expect(forwarded.headers['x-request-id']).toBe('proxy-abc-123');
    const hostile = await client(t).get('/healthz', { 'x-request-id': '<script>' });
    expect(hostile.headers['x-request-id']).not.toBe('<script>');
  });

  it('sends security headers with a strict content security policy', async () => {
    const response = await client(t).get('/healthz');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a NUL character or half a surrogate pair in any field with a 400 naming it', async () => {
    const { client: admin } = await technicianClient(t);
    const { client: contact } = await contactClient(t);
    const signIn = await client(t).post('/api/v1/auth/login', { email: 'a\u0000@b.c', password: 'x' });
    expect(signIn.statusCode).toBe(400);
    expect(refusedPaths(signIn)).toEqual(['body.email']);
    const search = await contact.get('/portal/api/tickets?q=printer%00');
    expect(search.statusCode).toBe(400);
    expect(refusedPaths(search)).toEqual(['querystring.q']);
    const status = await admin.patch('/api/v1/ticket-statuses/Open%00', { closed: false });
    expect(status.statusCode).toBe(400);
    expect(refusedPaths(status)).toEqual(['params.name']);
    const ticket = await contact.post('/portal/api/tickets', {
      title: 'Half a pair \ud800',
      description: 'x',
    });
    expect(ticket.statusCode).toBe(400);
    expect(ticket.json().error.code).toBe('validation_failed');
    expect(refusedPaths(ticket)).toEqual(['body.title']);
    const form = new FormData();
    form.set('title', 'Printer');
    form.set('description', 'Jammed\u0000');
    const { payload, headers } = await multipart(form);
    const upload = await contact.request('POST', '/portal/api/tickets', payload, headers);
    expect(upload.statusCode).toBe(400);
    expect(refusedPaths(upload)).toEqual(['body.description']);
    const customer = await admin.post('/api/v1/customers', { name: 'Emoji \u{1F642} Ltd' });
    expect(customer.statusCode).toBe(201);
  });

  it('answers a JSON null body and a form without its fields with a 400 naming what is missing', async () => {
    const { client: contact } = await contactClient(t);
    const nothing = await contact.request('POST', '/portal/api/tickets', 'null', {
      'content-type': 'application/json',
    });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.code).toBe('validation_failed');
    expect(refusedPaths(nothing)).toEqual(expect.arrayContaining(['body.title', 'body.description']));
    const { payload, headers } = await multipart(new FormData());
    const emptyForm = await contact.request('POST', '/portal/api/tickets', payload, headers);
    expect(emptyForm.statusCode).toBe(400);
    expect(refusedPaths(emptyForm)).toEqual(expect.arrayContaining(['body.title', 'body.description']));
  });

  it('answers a form that is not multipart at all with 400, not a server error', async () => {
    const { client: contact } = await contactClient(t);
    const noBoundary = await contact.request('POST', '/portal/api/tickets', 'x', {
      'content-type': 'multipart/form-data',
    });
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json()).toEqual({ error: { ...errorShape.error, details: [expect.anything()] } });
    const cut = await contact.request('POST', '/portal/api/tickets', '--b\r\ncontent-disposition: form', {
      'content-type': 'multipart/form-data; boundary=b',
    });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error.code).toBe('validation_failed');
  });

  it('refuses dates PostgreSQL cannot hold, and keeps the years 1 to 9999', async () => {
    const { client: admin } = await technicianClient(t);
    const customer = (await admin.post('/api/v1/customers', { name: 'Dates Ltd' })).json();
    const open = (dueDate: string) =>
      admin.post('/api/v1/tickets', { title: 'Due', customerId: customer.id, dueDate });
    for (const dueDate of [
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00+01:00',
      '9999-12-31T23:00:00-02:00',
    ]) {
      const refused = await open(dueDate);
      expect({ dueDate, status: refused.statusCode }).toEqual({ dueDate, status: 400 });
      expect(refusedPaths(refused)).toEqual(['body.dueDate']);
    }
    const last = await open('9999-12-31T00:00:00Z');
    expect(last.statusCode).toBe(201);
    expect(last.json().dueDate).toBe('9999-12-31T00:00:00.000Z');
    const audit = await admin.get('/api/v1/audit?from=0000-01-01T00:00:00Z');
    expect(audit.statusCode).toBe(400);
    expect(refusedPaths(audit)).toEqual(['querystring.from']);
  });

  it('answers an id too long for the router and a URL that does not decode in the error shape', async () => {
    const { client: admin } = await technicianClient(t);
    const long = await admin.get(`/api/v1/tickets/${'x'.repeat(200)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json()).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
    const undecodable = await admin.get('/api/v1/tickets/%FF%FE');
    expect(undecodable.statusCode).toBe(400);
    expect(undecodable.json().error.code).toBe('validation_failed');
    const wrongMethod = await admin.request('PUT', '/api/v1/tickets', {});
    expect(wrongMethod.statusCode).toBe(404);
    expect(wrongMethod.json()).toEqual(errorShape);
  });

  it('answers odd headers in the error shape: a bad content type, a huge cookie', async () => {
    const { client: admin } = await technicianClient(t);
    const oddType = await admin.request('POST', '/api/v1/customers', '{}', { 'content-type': ';;;' });
    expect(oddType.statusCode).toBe(415);
    expect(oddType.json().error.code).toBe('unsupported_media_type');
    const hugeCookie = await client(t).get('/api/v1/me', { cookie: `a=${'x'.repeat(100_000)}` });
    expect(hugeCookie.statusCode).toBe(401);
    expect(hugeCookie.json()).toEqual(errorShape);
  });
});
