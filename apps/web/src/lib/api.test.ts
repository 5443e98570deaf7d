import { PortalMeUpdateSchema } from '@atrium/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, api, errorCode, isKnownErrorCode, onUnauthorized, withQuery } from './api';

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn<typeof fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api', () => {
  it('sends JSON with the session cookie and parses the answer with the schema', async () => {
    const fetchMock = stubFetch(json({ language: 'fr', extra: true }));
    const result = await api('/portal/api/me', {
      method: 'PATCH',
      body: { language: 'fr' },
      schema: PortalMeUpdateSchema.strip(),
    });
    expect(result).toEqual({ language: 'fr' });
    const [path, init] = fetchMock.mock.calls[0] ?? [];
    expect(path).toBe('/portal/api/me');
    expect(init).toMatchObject({
      method: 'PATCH',
      credentials: 'same-origin',
      body: '{"language":"fr"}',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
  });

  it('sends no content-type without a body (the server refuses an empty JSON body)', async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    await expect(api('/api/v1/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.headers).toEqual({ accept: 'application/json' });
    expect(init?.body).toBeUndefined();
  });

  it("sends the call's own headers beside its JSON ones", async () => {
    const fetchMock = stubFetch(json({}, 202));
    await api('/api/v1/devices/1/actions', {
      method: 'POST',
      body: { type: 'reboot' },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(fetchMock.mock.calls[0]?.[1]?.headers).toEqual({
      'idempotency-key': 'k-1',
      accept: 'application/json',
      'content-type': 'application/json',
    });
  });

  it("throws the server's error code and status", async () => {
    stubFetch(json({ error: { code: 'rate_limited', message: 'Too many attempts.' } }, 429));
    const error = await api('/api/v1/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', message: 'Too many attempts.' });
  });

  it('keeps the per-field details of a validation error, and drops malformed ones', async () => {
    stubFetch(
      json(
        {
          error: {
            code: 'validation_failed',
            message: 'The request is not valid.',
            details: [{ path: 'body.email', message: 'Invalid email address' }, { path: 3 }, 'x'],
          },
        },
        400,
      ),
    );
    await expect(api('/api/v1/contacts', { method: 'POST', body: {} })).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'body.email', message: 'Invalid email address' }],
    });
  });

  it('sends a FormData as it is, letting the browser set the multipart content type', async () => {
    const fetchMock = stubFetch(json({ ok: true }, 201));
    const form = new FormData();
    form.set('body', 'Hello');
    await api('/api/v1/tickets/1/comments', {
      method: 'POST',
      body: form,
      schema: z.object({ ok: z.boolean() }),
    });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.body).toBe(form);
    expect(init?.headers).toEqual({ accept: 'application/json' });
  });

  it('derives a code from the status when the body is not the API error shape', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api('/api/v1/me')).rejects.toMatchObject({ status: 502, code: 'unavailable' });
    stubFetch(new Response('', { status: 404 }));
    await expect(api('/api/v1/me')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('reports a network failure as network_error', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    await expect(api('/api/v1/me')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('reports an answer that does not match the schema as invalid_response', async () => {
    stubFetch(json({ name: 42 }));
    await expect(
      api('/portal/api/branding', { schema: z.object({ name: z.string() }) }),
    ).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });

  it('tells the listeners about every 401, then throws', async () => {
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    stubFetch(json({ error: { code: 'unauthenticated', message: 'You are not signed in.' } }, 401));
    await expect(api('/api/v1/me')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    stubFetch(json({ error: { code: 'unauthenticated', message: '' } }, 401));
    await expect(api('/api/v1/me')).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('error codes', () => {
  it('knows the shared codes and the client ones, and nothing else', () => {
    expect(isKnownErrorCode('invalid_credentials')).toBe(true);
    expect(isKnownErrorCode('network_error')).toBe(true);
    expect(isKnownErrorCode('some_future_code')).toBe(false);
    expect(isKnownErrorCode('toString')).toBe(false);
  });

  it('gives anything that is not an ApiError a code with the generic message', () => {
    expect(errorCode(new ApiError(409, 'email_taken', 'x'))).toBe('email_taken');
    expect(errorCode(new Error('bug'))).toBe('unknown');
  });
});

describe('withQuery', () => {
  it('adds the non-empty values as a query string', () => {
    expect(
      withQuery('/api/v1/tickets', { q: 'printer jam', page: 2, status: '', billed: false, x: undefined }),
    ).toBe('/api/v1/tickets?q=printer+jam&page=2&billed=false');
    expect(withQuery('/api/v1/tickets', { q: null })).toBe('/api/v1/tickets');
    expect(withQuery('/api/v1/tickets', { status: ['Open', 'Pending'], nested: { a: 1 } })).toBe(
      '/api/v1/tickets?status=Open%2CPending',
    );
  });
});
