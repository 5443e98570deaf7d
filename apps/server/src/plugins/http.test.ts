import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, technicianClient } from '../test/factories';
import { createTestApp, type TestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const errorShape = { error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } };

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
});
