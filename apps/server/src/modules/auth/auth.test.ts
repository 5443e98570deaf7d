import { eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, loginThrottle, passwordResetTokens, sessions } from '../../db/schema';
import {
  buildContact,
  buildTechnician,
  client,
  contactClient,
  sessionCookie,
  signInTechnician,
  technicianClient,
  unique,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { removeExpiredSignInData } from './auth-housekeeping';

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

/** Fires `count` requests at once and counts the answers by status. */
async function inParallel(count: number, send: () => Promise<{ statusCode: number }>) {
  const responses = await Promise.all(Array.from({ length: count }, send));
  const byStatus = new Map<number, number>();
  for (const response of responses)
    byStatus.set(response.statusCode, (byStatus.get(response.statusCode) ?? 0) + 1);
  return byStatus;
}

/** Each attempt under a limit costs a real scrypt verification; tens of them take a while on 2 cores. */
const SLOW_TEST_MS = 120_000;

describe('sign-in rate limits', { timeout: SLOW_TEST_MS }, () => {
  // Behind a trusted proxy, each test signs in from addresses of its own: the limits per address
  // must not leak from one test into the next.
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(async () => limited.close());
  let lastOctets = 0;
  const newAddress = () => {
    lastOctets++;
    return `10.${Math.floor(lastOctets / 250)}.${lastOctets % 250}.1`;
  };
  /** Posts as a client at `address` (with a session cookie when given). */
  const from = (address: string, cookie?: string) => ({
    post: (url: string, body: unknown) =>
      client(limited, { cookie }).post(url, body, { 'x-forwarded-for': address }),
  });

  it('refuses an account after 10 failures in 15 minutes, even with the right password', async () => {
    const { technician, password } = await buildTechnician(limited);
    const address = newAddress();
    for (let i = 0; i < 10; i++) {
      const response = await from(address).post('/api/v1/auth/login', {
        email: technician.email,
        password: 'wrong',
      });
      expect(response.statusCode).toBe(401);
    }
    const blocked = await from(address).post('/api/v1/auth/login', { email: technician.email, password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
  });

  it('checks at most 10 of 120 simultaneous wrong console passwords for one account; the rest get 429', async () => {
    const { technician, password } = await buildTechnician(limited);
    const address = newAddress();
    const answers = await inParallel(120, () =>
      from(address).post('/api/v1/auth/login', { email: technician.email, password: 'wrong guess' }),
    );
    expect(Object.fromEntries(answers)).toEqual({ 401: 10, 429: 110 });
    expect(
      (await from(address).post('/api/v1/auth/login', { email: technician.email, password })).statusCode,
    ).toBe(429);
    // An unknown account is held to the same numbers: the answers say nothing about existence.
    const other = newAddress();
    const nobody = `${unique('nobody')}@msp.example`;
    const unknown = await inParallel(120, () =>
      from(other).post('/api/v1/auth/login', { email: nobody, password: 'x' }),
    );
    expect(Object.fromEntries(unknown)).toEqual({ 401: 10, 429: 110 });
  });

  it('checks at most 10 of 120 simultaneous wrong portal passwords for one account; the rest get 429', async () => {
    const { contact } = await buildContact(limited);
    const address = newAddress();
    const answers = await inParallel(120, () =>
      from(address).post('/portal/api/auth/login', { username: contact.username, password: 'wrong guess' }),
    );
    expect(Object.fromEntries(answers)).toEqual({ 401: 10, 429: 110 });
  });

  it('checks at most 10 of 120 simultaneous wrong current passwords on the password change', async () => {
    const { contact, password } = await buildContact(limited);
    const address = newAddress();
    const login = await from(address).post('/portal/api/auth/login', {
      username: contact.username,
      password,
    });
    const portal = from(address, sessionCookie(login, 'contact'));
    const answers = await inParallel(120, () =>
      portal.post('/portal/api/me/password', {
        currentPassword: 'wrong guess',
        newPassword: 'a brand new secret',
      }),
    );
    expect(Object.fromEntries(answers)).toEqual({ 400: 10, 429: 110 });
  });

  it('lets a person who mistyped sign in, and starts their count over', async () => {
    const { technician, password } = await buildTechnician(limited);
    const address = newAddress();
    const login = (attempt: string) =>
      from(address).post('/api/v1/auth/login', { email: technician.email, password: attempt });
    for (let i = 0; i < 9; i++) expect((await login('typo')).statusCode).toBe(401);
    expect((await login(password)).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login('typo')).statusCode).toBe(401);
    expect((await login(password)).statusCode).toBe(429);
  });

  it('holds a ceiling of 30 failures per account across addresses', async () => {
    const { technician, password } = await buildTechnician(limited);
    for (let i = 0; i < 3; i++) {
      const address = newAddress();
      const answers = await inParallel(12, () =>
        from(address).post('/api/v1/auth/login', { email: technician.email, password: 'wrong' }),
      );
      expect(Object.fromEntries(answers)).toEqual({ 401: 10, 429: 2 });
    }
    const elsewhere = await from(newAddress()).post('/api/v1/auth/login', {
      email: technician.email,
      password,
    });
    expect(elsewhere.statusCode).toBe(429);
  });

  it('refuses a client address after 50 failures across accounts', async () => {
    const address = newAddress();
    const guesses = await inParallel(60, () =>
      from(address).post('/portal/api/auth/login', {
        username: `${unique('guess')}@x.example`,
        password: 'x',
      }),
    );
    expect(Object.fromEntries(guesses)).toEqual({ 401: 50, 429: 10 });
    const { contact, password } = await buildContact(limited);
    const blocked = await from(address).post('/portal/api/auth/login', {
      username: contact.username,
      password,
    });
    expect(blocked.statusCode).toBe(429);
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

describe('what sign-in leaves behind', () => {
  it('removes expired sessions, reset links and attempt counts, and keeps everything still in use', async () => {
    const db = t.database.db;
    const live = await contactClient(t);
    const expired = await contactClient(t);
    await db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where contact_id = ${expired.contact.id}`,
    );
    for (const { contact } of [live, expired]) {
      const asked = await client(t).post('/portal/api/auth/forgot', { username: contact.username });
      expect(asked.statusCode).toBe(202);
    }
    await db
      .update(passwordResetTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(passwordResetTokens.contactId, expired.contact.id));
    const oldGuess = unique('old-guess');
    const newGuess = unique('new-guess');
    for (const username of [oldGuess, newGuess]) {
      const refused = await client(t).post('/portal/api/auth/login', { username, password: 'wrong' });
      expect(refused.statusCode).toBe(401);
    }
    // Past the longest window (the reset requests' hour), the count would start over anyway.
    await db
      .update(loginThrottle)
      .set({ windowStart: sql`now() - interval '61 minutes'` })
      .where(like(loginThrottle.key, `%${oldGuess}%`));

    await removeExpiredSignInData(db);

    const contactIds = [live.contact.id, expired.contact.id];
    const sessionsLeft = await db.select().from(sessions).where(inArray(sessions.contactId, contactIds));
    expect(sessionsLeft.map((row) => row.contactId)).toEqual([live.contact.id]);
    const linksLeft = await db
      .select()
      .from(passwordResetTokens)
      .where(inArray(passwordResetTokens.contactId, contactIds));
    expect(linksLeft.map((row) => row.contactId)).toEqual([live.contact.id]);
    const countsLeft = await db.select().from(loginThrottle);
    expect(countsLeft.some((row) => row.key.includes(oldGuess))).toBe(false);
    expect(countsLeft.some((row) => row.key.includes(newGuess))).toBe(true);
    expect((await live.client.get('/portal/api/me')).statusCode).toBe(200);
  });
});
