import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, contactClient, technicianClient } from '../../test/factories';
import { codeTextedTo, wrongCode } from '../../test/sms';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await technicianClient(t, 'admin')).client;
  await admin.patch('/api/v1/settings/portal', { features: { selfService: { enabled: true } } });
});
afterAll(async () => t.close());

let numbers = 0;
/** A number no other test texts, so the send limits of one test never touch another's. */
const newNumber = () => `+3361234${String(1000 + numbers++).padStart(4, '0')}`;

describe('confirming a mobile number', () => {
  it('texts a code in the contact’s language, and the number is theirs once they type it back', async () => {
    const { contact, client: portal } = await contactClient(t, { language: 'fr' });
    const phone = newNumber();
    const sent = await portal.post('/portal/api/2fa/phone', {
      phone: `${phone.slice(0, 3)} ${phone.slice(3)}`,
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ phone: null, phoneVerified: false, pendingPhone: phone });
    const outbox = (await admin.get('/api/v1/outbox/sms?pageSize=100')).json();
    expect(outbox.items.find((item: { to: string }) => item.to === phone).body).toMatch(
      /code de vérification/,
    );
    const code = await codeTextedTo(admin, phone);

    const wrong = await portal.post('/portal/api/2fa/verify', { code: wrongCode(code) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.message).toMatch(/not the one we sent/);
    const right = await portal.post('/portal/api/2fa/verify', { code });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ phone, phoneVerified: true, pendingPhone: null });
    const seen = (await admin.get(`/api/v1/contacts/${contact.id}`)).json();
    expect(seen).toMatchObject({ phone, phoneVerified: true });
    expect((await portal.post('/portal/api/2fa/verify', { code })).json().error.message).toMatch(
      /used already/,
    );
  });

  it('keeps only a hash of each code', async () => {
    const { client: portal } = await contactClient(t);
    const phone = newNumber();
    await portal.post('/portal/api/2fa/phone', { phone });
    const code = await codeTextedTo(admin, phone);
    const stored = await t.database.db.execute(sql`select * from verification_codes where phone = ${phone}`);
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('refuses the right code after five wrong ones, and an expired code', async () => {
    const { client: portal } = await contactClient(t);
    const phone = newNumber();
    await portal.post('/portal/api/2fa/phone', { phone });
    const code = await codeTextedTo(admin, phone);
    const guesses = await Promise.all(
      Array.from({ length: 5 }, () => portal.post('/portal/api/2fa/verify', { code: wrongCode(code) })),
    );
    expect(guesses.every((guess) => guess.statusCode === 422)).toBe(true);
    const late = await portal.post('/portal/api/2fa/verify', { code });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toMatch(/Too many wrong codes/);

    await portal.post('/portal/api/2fa/phone', { phone });
    const fresh = await codeTextedTo(admin, phone);
    await t.database.db.execute(
      sql`update verification_codes set expires_at = now() - interval '1 second' where phone = ${phone}`,
    );
    const expired = await portal.post('/portal/api/2fa/verify', { code: fresh });
    expect(expired.json().error.message).toMatch(/expired/);
  });

  it('limits the codes sent to one contact and to one number', async () => {
    const { client: portal } = await contactClient(t);
    const phone = newNumber();
    const sends = [];
    for (let i = 0; i < 6; i++)
      sends.push((await portal.post('/portal/api/2fa/phone', { phone })).statusCode);
    expect(sends).toEqual([200, 200, 200, 200, 200, 429]);
    const { client: other } = await contactClient(t);
    expect((await other.post('/portal/api/2fa/phone', { phone })).statusCode).toBe(429);
  });

  it('removing the number resets the checks', async () => {
    const { contact, client: portal } = await contactClient(t);
    const phone = newNumber();
    await portal.post('/portal/api/2fa/phone', { phone });
    await portal.post('/portal/api/2fa/verify', { code: await codeTextedTo(admin, phone) });
    const removed = await portal.delete('/portal/api/2fa/phone');
    expect(removed.json()).toMatchObject({ phone: null, phoneVerified: false });
    expect((await admin.get(`/api/v1/contacts/${contact.id}`)).json()).toMatchObject({
      phone: null,
      phoneVerified: false,
    });
  });

  it('refuses numbers without a country code, and everything when self-service is not theirs', async () => {
    const { client: portal } = await contactClient(t);
    const local = await portal.post('/portal/api/2fa/phone', { phone: '06 12 34 56 78' });
    expect(local.statusCode).toBe(400);
    expect(local.json().error.message).toMatch(/international format/);
    await admin.patch('/api/v1/settings/portal', { features: { selfService: { enabled: false } } });
    try {
      expect((await portal.post('/portal/api/2fa/phone', { phone: newNumber() })).statusCode).toBe(403);
      expect((await portal.get('/portal/api/2fa')).statusCode).toBe(403);
    } finally {
      await admin.patch('/api/v1/settings/portal', { features: { selfService: { enabled: true } } });
    }
  });
});
