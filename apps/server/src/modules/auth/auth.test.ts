import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../../db/schema';
import {
  buildContact,
  buildTechnician,
  client,
  contactClient,
  sessionCookie,
  signInTechnician,
  technicianClient,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('console sign-in', () => {
  it('signs a technician in with a session cookie that is HttpOnly, SameSite=Lax and not Secure over http', async () => {
    const { technician, password } = await buildTechnician(t);
    const response = await client(t).post('/api/v1/auth/login', {
      email: technician.email.toUpperCase(),
      password,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().technician).toMatchObject({ id: technician.id, role: 'technician' });
    expect(response.json().technician).not.toHaveProperty('passwordHash');
    const cookie = response.cookies.find((c) => c.name === 'atrium_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const me = await client(t, { cookie: sessionCookie(response, 'technician') }).get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().technician.email).toBe(technician.email);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const { technician } = await buildTechnician(t);
    const wrong = await client(t).post('/api/v1/auth/login', {
      email: technician.email,
      password: 'not-the-password',
    });
    const unknown = await client(t).post('/api/v1/auth/login', {
      email: 'nobody@nowhere.example',
      password: 'x',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
  });

  it('signs out: the session stops working on the server, not only in the browser', async () => {
    const { client: admin } = await technicianClient(t);
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);
    const out = await admin.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'atrium_session')?.value).toBe('');
    expect((await admin.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('stops a deleted technician at once', async () => {
    const { client: admin } = await technicianClient(t);
    const { technician, password } = await buildTechnician(t);
    const session = await signInTechnician(t, { email: technician.email, password });
    expect((await session.get('/api/v1/me')).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/technicians/${technician.id}`)).statusCode).toBe(204);
    expect((await session.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('sets Secure cookies when PUBLIC_URL is https', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://help.msp.example' });
    try {
      const { technician, password } = await buildTechnician(secure);
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'https://help.msp.example' },
        payload: { email: technician.email, password },
      });
      expect(response.cookies.find((c) => c.name === 'atrium_session')?.secure).toBe(true);
      expect(response.headers['strict-transport-security']).toBeDefined();
    } finally {
      await secure.close();
    }
  });
});

describe('sign-in rate limits', () => {
  it('refuses an account after 10 failures in 15 minutes, even with the right password', async () => {
    const { technician, password } = await buildTechnician(t);
    for (let i = 0; i < 10; i++) {
      const response = await client(t).post(
        '/api/v1/auth/login',
        { email: technician.email, password: 'wrong' },
        {
          'x-forwarded-for': `10.0.0.${i}`,
        },
      );
      expect(response.statusCode).toBe(401);
    }
    const blocked = await client(t).post('/api/v1/auth/login', { email: technician.email, password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
  });

  it('refuses a client address after 50 failures across accounts', async () => {
    const limited = await createTestApp();
    try {
      for (let i = 0; i < 50; i++) {
        await client(limited).post('/portal/api/auth/login', {
          username: `guess${i}@x.example`,
          password: 'x',
        });
      }
      const { contact, password } = await buildContact(limited);
      const blocked = await client(limited).post('/portal/api/auth/login', {
        username: contact.username,
        password,
      });
      expect(blocked.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('API tokens', () => {
  it('shows a token once, stores only its hash, and accepts it as a Bearer token until revoked', async () => {
    const { client: tech, technician } = await technicianClient(t, 'technician');
    const created = await tech.post('/api/v1/api-tokens', { name: 'CI script' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^atr_/);

    const stored = await t.database.db.select().from(apiTokens).where(sql`${apiTokens.id} = ${id}`);
    expect(stored[0]?.tokenHash).not.toContain(token);
    expect(JSON.stringify((await tech.get('/api/v1/api-tokens')).json())).not.toContain(token);

    // Scripts send no Origin header; a token is not a cookie, so no CSRF check applies.
    const script = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(script.statusCode).toBe(200);
    expect(script.json().technician.id).toBe(technician.id);

    expect((await tech.delete(`/api/v1/api-tokens/${id}`)).statusCode).toBe(204);
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(401);
  });

  it('refuses a made-up or malformed bearer token', async () => {
    for (const authorization of ['Bearer atr_madeup', 'Basic abc', 'Bearer']) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
      expect(response.statusCode).toBe(401);
    }
  });

  it("does not let one technician revoke another's token", async () => {
    const { client: owner } = await technicianClient(t, 'technician');
    const { client: other } = await technicianClient(t, 'admin');
    const { id } = (await owner.post('/api/v1/api-tokens', { name: 'mine' })).json();
    expect((await other.delete(`/api/v1/api-tokens/${id}`)).statusCode).toBe(404);
  });
});

describe('two audiences', () => {
  it('never accepts a contact session on the technician API', async () => {
    const { contact: row, password } = await buildContact(t);
    const login = await client(t).post('/portal/api/auth/login', { username: row.username, password });
    const value = sessionCookie(login, 'contact').split('=')[1];
    const asTechnician = await client(t, { cookie: `atrium_session=${value}` }).get('/api/v1/me');
    expect(asTechnician.statusCode).toBe(401);
    expect((await client(t, { cookie: sessionCookie(login, 'contact') }).get('/api/v1/me')).statusCode).toBe(
      401,
    );
  });

  it('never lets a technician session act as a contact', async () => {
    const { technician, password } = await buildTechnician(t, { role: 'admin' });
    const login = await client(t).post('/api/v1/auth/login', { email: technician.email, password });
    const value = sessionCookie(login, 'technician').split('=')[1];
    const asContact = await client(t, { cookie: `atrium_portal_session=${value}` }).get('/portal/api/me');
    expect(asContact.statusCode).toBe(401);
  });

  it('does not sign in a contact with a technician password or a technician with a contact username', async () => {
    const { technician, password } = await buildTechnician(t);
    const response = await client(t).post('/portal/api/auth/login', { username: technician.email, password });
    expect(response.statusCode).toBe(401);
  });

  it('refuses portal sign-in to a contact who belongs to no customer', async () => {
    const { contact, password } = await buildContact(t, { customerId: null });
    const response = await client(t).post('/portal/api/auth/login', { username: contact.username, password });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('invalid_credentials');
  });
});

describe('cross-site requests', () => {
  it('refuses a cookie-authenticated write from another origin, or with no origin at all', async () => {
    const { client: admin } = await technicianClient(t);
    const evil = await admin.post('/api/v1/api-tokens', { name: 'x' }, { origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('csrf_origin_mismatch');
    const none = await admin.post('/api/v1/api-tokens', { name: 'x' }, { origin: '' });
    expect(none.statusCode).toBe(403);
    const referer = await admin.post(
      '/api/v1/api-tokens',
      { name: 'x' },
      { origin: '', referer: 'http://localhost:3000/tickets' },
    );
    expect(referer.statusCode).toBe(201);
  });

  it('refuses a sign-in form posted from another site', async () => {
    const { technician, password } = await buildTechnician(t);
    const response = await client(t).post(
      '/api/v1/auth/login',
      { email: technician.email, password },
      {
        origin: 'https://evil.example',
      },
    );
    expect(response.statusCode).toBe(403);
    expect(response.cookies).toHaveLength(0);
  });

  it('lets a signed-in contact read but not write from another origin', async () => {
    const { client: contact } = await contactClient(t);
    expect((await contact.get('/portal/api/me', { origin: 'https://evil.example' })).statusCode).toBe(200);
    const write = await contact.patch(
      '/portal/api/me',
      { language: 'fr' },
      { origin: 'https://evil.example' },
    );
    expect(write.statusCode).toBe(403);
  });

  it('ends a portal session at its expiry', async () => {
    const { contact, client: portal } = await contactClient(t);
    expect((await portal.get('/portal/api/me')).statusCode).toBe(200);
    await t.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where contact_id = ${contact.id}`,
    );
    expect((await portal.get('/portal/api/me')).statusCode).toBe(401);
  });
});
