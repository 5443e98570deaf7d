import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, passwordResetTokens } from '../../db/schema';
import {
  buildContact,
  buildTechnician,
  client,
  signInContact,
  signInTechnician,
  unique,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  // Behind a trusted proxy, so each test asks from an address of its own (the limits are per address).
  t = await createTestApp({ TRUST_PROXY: '127.0.0.1' });
});
afterAll(async () => t.close());

let addresses = 0;
const newAddress = () => `10.1.${Math.floor(++addresses / 250)}.${addresses % 250}`;
const post = (url: string, body: unknown, address = newAddress()) =>
  client(t).post(url, body, { 'x-forwarded-for': address });

async function mailsTo(address: string) {
  return t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, address));
}

/** The token of the reset link in the last mail sent to `address`. */
async function linkTokenIn(address: string, path: string) {
  const [mail] = (await mailsTo(address)).slice(-1);
  const match = mail?.text.match(new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`no ${path} link in the mail to ${address}: ${mail?.text}`);
  return match[1];
}

describe('portal: forgot password', () => {
  it('mails a link in the contact’s language that sets a new password once and ends every session', async () => {
    const { contact, password } = await buildContact(t, { language: 'fr' });
    const session = await signInContact(t, { username: contact.username, password });

    const asked = await post('/portal/api/auth/forgot', { username: contact.username.toUpperCase() });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ status: 'accepted' });
    const [mail] = await mailsTo(contact.email);
    expect(mail).toMatchObject({ kind: 'passwordResetLink', contactId: contact.id });
    expect(mail?.subject).toContain('Réinitialisez votre mot de passe');
    expect(mail?.text).toContain('http://localhost:3000/portal/reset-password?token=');
    const token = await linkTokenIn(contact.email, '/portal/reset-password');
    const [stored] = await t.database.db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.contactId, contact.id));
    expect(stored?.tokenHash).not.toContain(token);

    const reset = await post('/portal/api/auth/reset', { token, password: 'chosen after forgetting' });
    expect(reset.statusCode).toBe(204);
    expect((await session.get('/portal/api/me')).statusCode).toBe(401);
    expect((await post('/portal/api/auth/login', { username: contact.username, password })).statusCode).toBe(
      401,
    );
    const fresh = await post('/portal/api/auth/login', {
      username: contact.username,
      password: 'chosen after forgetting',
    });
    expect(fresh.statusCode).toBe(200);

    const again = await post('/portal/api/auth/reset', { token, password: 'someone else’s choice' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('reset_link_invalid');
  });

  it('finds the contact by email address too', async () => {
    const { contact } = await buildContact(t);
    expect((await post('/portal/api/auth/forgot', { email: contact.email })).statusCode).toBe(202);
    expect(await mailsTo(contact.email)).toHaveLength(1);
  });

  it('answers an unknown address exactly as a known one, and mails nobody', async () => {
    const { contact } = await buildContact(t);
    const known = await post('/portal/api/auth/forgot', { username: contact.username });
    const nobody = `${unique('nobody')}@customer.example`;
    const unknown = await post('/portal/api/auth/forgot', { username: nobody });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(await mailsTo(nobody)).toHaveLength(0);
  });

  it('refuses an expired link', async () => {
    const { contact, password } = await buildContact(t);
    await post('/portal/api/auth/forgot', { username: contact.username });
    const token = await linkTokenIn(contact.email, '/portal/reset-password');
    await t.database.db
      .update(passwordResetTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(passwordResetTokens.contactId, contact.id));
    const reset = await post('/portal/api/auth/reset', { token, password: 'too late for this one' });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.code).toBe('reset_link_invalid');
    expect((await post('/portal/api/auth/login', { username: contact.username, password })).statusCode).toBe(
      200,
    );
  });

  it('lets only one of two simultaneous uses of a link through', async () => {
    const { contact } = await buildContact(t);
    await post('/portal/api/auth/forgot', { username: contact.username });
    const token = await linkTokenIn(contact.email, '/portal/reset-password');
    const answers = await Promise.all([
      post('/portal/api/auth/reset', { token, password: 'first of the two racers' }),
      post('/portal/api/auth/reset', { token, password: 'second of the two racers' }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([204, 400]);
  });

  it('limits the mail per account, whatever the address, and per address, whatever the account', async () => {
    const { contact } = await buildContact(t);
    for (let i = 0; i < 5; i++) {
      expect((await post('/portal/api/auth/forgot', { username: contact.username })).statusCode).toBe(202);
    }
    const sixth = await post('/portal/api/auth/forgot', { username: contact.username });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    expect(await mailsTo(contact.email)).toHaveLength(5);

    const address = newAddress();
    for (let i = 0; i < 20; i++) {
      const answer = await post('/portal/api/auth/forgot', { username: `${unique('x')}@x.example` }, address);
      expect(answer.statusCode).toBe(202);
    }
    const { contact: other } = await buildContact(t);
    expect((await post('/portal/api/auth/forgot', { username: other.username }, address)).statusCode).toBe(
      429,
    );
    expect(await mailsTo(other.email)).toHaveLength(0);
  });

  it('does not take a console link on the portal', async () => {
    const { technician } = await buildTechnician(t);
    await post('/api/v1/auth/forgot', { email: technician.email });
    const token = await linkTokenIn(technician.email, '/reset-password');
    const onPortal = await post('/portal/api/auth/reset', { token, password: 'not the right door' });
    expect(onPortal.json().error.code).toBe('reset_link_invalid');
    expect((await post('/api/v1/auth/reset', { token, password: 'the right door now' })).statusCode).toBe(
      204,
    );
  });
});

describe('console: forgot password', () => {
  it('mails the link in the technician’s console language', async () => {
    const { technician } = await buildTechnician(t, { language: 'it' });
    expect((await post('/api/v1/auth/forgot', { email: technician.email })).statusCode).toBe(202);
    const [mail] = await mailsTo(technician.email);
    expect(mail?.subject).toBe('Reimposti la password della console Atrium');
    expect(mail?.text).toContain(`Buongiorno ${technician.name},`);
  });

  it('mails a link that sets the password, ends every session and revokes the API tokens', async () => {
    const { technician, password } = await buildTechnician(t);
    const session = await signInTechnician(t, { email: technician.email, password });
    const { token: apiToken } = (await session.post('/api/v1/api-tokens', { name: 'script' })).json();

    const asked = await post('/api/v1/auth/forgot', { email: technician.email.toUpperCase() });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ status: 'accepted' });
    const [mail] = await mailsTo(technician.email);
    expect(mail?.kind).toBe('technicianPasswordResetLink');
    const token = await linkTokenIn(technician.email, '/reset-password');
    expect(mail?.text).toContain(`http://localhost:3000/reset-password?token=${token}`);

    expect((await post('/api/v1/auth/reset', { token, password: 'a fresh console secret' })).statusCode).toBe(
      204,
    );
    expect((await session.get('/api/v1/me')).statusCode).toBe(401);
    expect((await client(t, { bearer: apiToken }).get('/api/v1/me')).statusCode).toBe(401);
    const fresh = await post('/api/v1/auth/login', {
      email: technician.email,
      password: 'a fresh console secret',
    });
    expect(fresh.statusCode).toBe(200);
    const audit = await t.database.db.query.auditLog.findMany({
      where: (row, { eq: is }) =>
        and(is(row.targetId, technician.id), is(row.action, 'technician.password_reset')),
    });
    expect(audit).toHaveLength(1);
  });

  it('answers an unknown address exactly as a known one', async () => {
    const { technician } = await buildTechnician(t);
    const known = await post('/api/v1/auth/forgot', { email: technician.email });
    const unknown = await post('/api/v1/auth/forgot', { email: `${unique('nobody')}@msp.example` });
    expect([unknown.statusCode, unknown.body]).toEqual([known.statusCode, known.body]);
  });

  it('refuses a made-up link', async () => {
    const reset = await post('/api/v1/auth/reset', { token: 'made-up', password: 'whatever it may be' });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.code).toBe('reset_link_invalid');
  });
});
