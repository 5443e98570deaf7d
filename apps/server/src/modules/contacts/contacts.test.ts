import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, mailOutbox } from '../../db/schema';
import { buildCustomer, type Client, client, technicianClient, unique } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let tech: Client;
beforeAll(async () => {
  t = await createTestApp();
  tech = (await technicianClient(t, 'technician')).client;
});
afterAll(async () => t.close());

const email = () => `${unique('person')}@Customer.Example`;

async function createContact(overrides: Record<string, unknown> = {}) {
  const customer = await buildCustomer(t);
  const response = await tech.post('/api/v1/contacts', {
    customerId: customer.id,
    firstName: 'Jeanne',
    lastName: 'Martin',
    email: email(),
    ...overrides,
  });
  return { customer, response };
}

describe('contacts', () => {
  it('creates a contact with a generated password shown once, which signs in to the portal', async () => {
    const { customer, response } = await createContact({
      phone: '+33 6 12 34 56 78',
      isPrimary: true,
      language: 'fr',
    });
    expect(response.statusCode).toBe(201);
    const { contact, portalPassword } = response.json();
    expect(contact).toMatchObject({
      customer: { id: customer.id, name: customer.name },
      name: 'Jeanne Martin',
      phone: '+33612345678',
      phoneVerified: false,
      isPrimary: true,
      language: 'fr',
    });
    expect(contact.username).toBe(contact.email);
    expect(contact.email).toBe(contact.email.toLowerCase());
    expect(portalPassword.length).toBeGreaterThanOrEqual(16);

    const [stored] = await t.database.db.select().from(contacts).where(eq(contacts.id, contact.id));
    expect(stored?.passwordHash).not.toContain(portalPassword);
    expect(JSON.stringify((await tech.get(`/api/v1/contacts/${contact.id}`)).json())).not.toContain(
      portalPassword,
    );

    const signIn = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: portalPassword,
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().contact.id).toBe(contact.id);
  });

  it('queues the welcome email with the credentials when the setting is on, and not when it is off', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const on = (await createContact()).response.json();
    const queued = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.contactId, on.contact.id));
    expect(queued).toHaveLength(1);
    expect(queued[0]?.text).toContain(on.portalPassword);
    expect(queued[0]?.text).toContain('http://localhost:3000/portal');

    expect(on).toMatchObject({ emailQueued: true, emailSkipped: null });

    await admin.patch('/api/v1/settings/portal', { welcomeEmail: { enabled: false } });
    const off = (await createContact()).response.json();
    expect(off).toMatchObject({ emailQueued: false, emailSkipped: 'welcome_email_off' });
    expect(
      await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.contactId, off.contact.id)),
    ).toHaveLength(0);
    await admin.patch('/api/v1/settings/portal', { welcomeEmail: { enabled: true } });
  });

  it('sends no welcome email when the technician declines it, and says so', async () => {
    const { response } = await createContact({ sendWelcomeEmail: false });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ emailQueued: false, emailSkipped: 'not_requested' });
    expect(
      await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.contactId, created.contact.id)),
    ).toHaveLength(0);
  });

  it('mails no credentials to a contact whose customer has no portal feature, on creation or reset, and says why', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const withPortal = await buildCustomer(t);
    await admin.patch('/api/v1/settings/portal', {
      features: { ticketing: { customers: [withPortal.id] }, knowledgeBase: { customers: [withPortal.id] } },
    });
    try {
      const { response } = await createContact();
      expect(response.statusCode).toBe(201);
      const created = response.json();
      expect(created).toMatchObject({ emailQueued: false, emailSkipped: 'no_portal' });
      const reset = await tech.post(`/api/v1/contacts/${created.contact.id}/credentials/reset`, {
        sendEmail: true,
      });
      expect(reset.json()).toMatchObject({ emailQueued: false, emailSkipped: 'no_portal' });
      expect(
        await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.contactId, created.contact.id)),
      ).toHaveLength(0);

      // The customer that has the portal still gets it.
      const welcomed = (await createContact({ customerId: withPortal.id })).response.json();
      expect(welcomed).toMatchObject({ emailQueued: true, emailSkipped: null });
    } finally {
      await admin.patch('/api/v1/settings/portal', {
        features: { ticketing: { customers: 'all' }, knowledgeBase: { customers: 'all' } },
      });
    }
  });

  it('resets the password: the old one and open portal sessions stop working, the new one signs in', async () => {
    const { contact, portalPassword } = (await createContact()).response.json();
    const login = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: portalPassword,
    });
    const cookie = login.headers['set-cookie']?.toString().split(';')[0] ?? '';
    const reset = await tech.post(`/api/v1/contacts/${contact.id}/credentials/reset`, { sendEmail: true });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({
      portalUsername: contact.username,
      emailQueued: true,
      emailSkipped: null,
    });
    expect(reset.json().portalPassword).not.toBe(portalPassword);
    expect((await client(t, { cookie }).get('/portal/api/me')).statusCode).toBe(401);
    const old = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: portalPassword,
    });
    expect(old.statusCode).toBe(401);
    const fresh = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: reset.json().portalPassword,
    });
    expect(fresh.statusCode).toBe(200);
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.contactId, contact.id));
    expect(mails.map((m) => m.kind)).toContain('credentialsReset');
  });

  it('refuses a second contact with the same email or username (409)', async () => {
    const address = email();
    await createContact({ email: address });
    const again = (await createContact({ email: address.toUpperCase() })).response;
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
    const username = unique('user').toLowerCase();
    await createContact({ username });
    const sameUser = (await createContact({ username })).response;
    expect(sameUser.json().error.code).toBe('username_taken');
  });

  it('marks a phone number changed by a technician as unverified', async () => {
    const { contact } = (await createContact({ phone: '+14155550100' })).response.json();
    await t.database.db.update(contacts).set({ phoneVerified: true }).where(eq(contacts.id, contact.id));
    const changed = await tech.patch(`/api/v1/contacts/${contact.id}`, { phone: '+14155550199' });
    expect(changed.json()).toMatchObject({ phone: '+14155550199', phoneVerified: false });
    const cleared = await tech.patch(`/api/v1/contacts/${contact.id}`, { phone: null });
    expect(cleared.json()).toMatchObject({ phone: null, phoneVerified: false });
  });

  it('searches by name or email and filters by customer and primary flag', async () => {
    const customer = await buildCustomer(t);
    const lastName = unique('Zed');
    for (const isPrimary of [true, false, false]) {
      await tech.post('/api/v1/contacts', {
        customerId: customer.id,
        firstName: 'Sam',
        lastName,
        email: email(),
        isPrimary,
      });
    }
    expect((await tech.get(`/api/v1/contacts?customerId=${customer.id}`)).json().total).toBe(3);
    expect((await tech.get(`/api/v1/contacts?customerId=${customer.id}&isPrimary=true`)).json().total).toBe(
      1,
    );
    expect((await tech.get(`/api/v1/contacts?q=${encodeURIComponent(`sam ${lastName}`)}`)).json().total).toBe(
      3,
    );
  });

  it('deletes a contact, whose portal session ends with it', async () => {
    const { contact, portalPassword } = (await createContact()).response.json();
    const login = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: portalPassword,
    });
    const cookie = login.headers['set-cookie']?.toString().split(';')[0] ?? '';
    expect((await tech.delete(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);
    expect((await client(t, { cookie }).get('/portal/api/me')).statusCode).toBe(401);
    expect((await tech.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
  });

  it('answers bad input with clear 4xx errors', async () => {
    const customer = await buildCustomer(t);
    const base = { customerId: customer.id, firstName: 'A', lastName: 'B', email: email() };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, email: 'nope' }, 'body.email'],
      [{ ...base, phone: '0612345678' }, 'body.phone'],
      [{ ...base, firstName: '' }, 'body.firstName'],
      [{ ...base, language: 'pt' }, 'body.language'],
      [{ ...base, isPrimary: 'yes' }, 'body.isPrimary'],
      [{ ...base, customerId: crypto.randomUUID() }, 'body.customerId'],
      [{ ...base, lastName: 'x'.repeat(101) }, 'body.lastName'],
    ];
    for (const [body, path] of cases) {
      const response = await tech.post('/api/v1/contacts', body);
      expect({ path, status: response.statusCode }).toEqual({ path, status: 400 });
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(
      (await tech.post(`/api/v1/contacts/${crypto.randomUUID()}/credentials/reset`, {})).statusCode,
    ).toBe(404);
  });
});
