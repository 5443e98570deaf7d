import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildContact,
  buildCustomer,
  client,
  contactClient,
  sessionCookie,
  signInContact,
  technicianClient,
  unique,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('the signed-in contact', () => {
  it('signs in and gets who they are, their company, and the portal sections that are on', async () => {
    const customer = await buildCustomer(t, { name: 'Dupont SARL' });
    const { contact, client: portal } = await contactClient(t, { customerId: customer.id, firstName: 'Léa' });
    const me = await portal.get('/portal/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      contact: { id: contact.id, firstName: 'Léa', isPrimary: false },
      customer: { id: customer.id, name: 'Dupont SARL' },
      features: {
        ticketing: true,
        knowledgeBase: true,
        aiAssistant: false,
        selfService: false,
        newTicket: true,
      },
      fields: { priority: 'edit', dueDate: 'hidden' },
      language: 'en',
    });
    expect(me.json().statuses).toEqual([
      { name: 'Open', closed: false },
      { name: 'Pending', closed: false },
      { name: 'Resolved', closed: true },
      { name: 'Closed', closed: true },
    ]);
    expect(JSON.stringify(me.json())).not.toContain('passwordHash');
  });

  it('saves the portal language on the contact', async () => {
    const { client: portal } = await contactClient(t);
    const changed = await portal.patch('/portal/api/me', { language: 'de' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().language).toBe('de');
    expect((await portal.get('/portal/api/me')).json().contact.language).toBe('de');
    expect((await portal.patch('/portal/api/me', { language: 'klingon' })).statusCode).toBe(400);
  });

  it('sees a settings change on the very next request, without signing in again', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const customer = await buildCustomer(t);
    const other = await buildCustomer(t);
    const { client: portal } = await contactClient(t, { customerId: customer.id });
    expect((await portal.get('/portal/api/me')).json().features.knowledgeBase).toBe(true);

    await admin.patch('/api/v1/settings/portal', { features: { knowledgeBase: { customers: [other.id] } } });
    expect((await portal.get('/portal/api/me')).json().features.knowledgeBase).toBe(false);

    await admin.patch('/api/v1/settings/portal', {
      features: { knowledgeBase: { customers: [other.id, customer.id] } },
    });
    expect((await portal.get('/portal/api/me')).json().features.knowledgeBase).toBe(true);

    await admin.patch('/api/v1/settings/portal', {
      features: {
        knowledgeBase: { customers: 'all' },
        aiAssistant: { enabled: true, disableManualTickets: true },
      },
    });
    const me = (await portal.get('/portal/api/me')).json();
    expect(me.features).toMatchObject({ aiAssistant: true, newTicket: false, ticketing: true });
    await admin.patch('/api/v1/settings/portal', {
      features: { aiAssistant: { enabled: false, disableManualTickets: false } },
    });
  });

  it('signs out of the portal', async () => {
    const { client: portal } = await contactClient(t);
    expect((await portal.post('/portal/api/auth/logout')).statusCode).toBe(204);
    expect((await portal.get('/portal/api/me')).statusCode).toBe(401);
  });
});

describe('portal settings and branding', () => {
  it('shows the MSP branding to anyone, before sign-in', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    await admin.patch('/api/v1/settings/portal', {
      branding: { name: 'Helpful MSP', accentColor: '#0f766e' },
    });
    const branding = await client(t).get('/portal/api/branding');
    expect(branding.statusCode).toBe(200);
    expect(branding.json()).toEqual({ name: 'Helpful MSP', logoUrl: null, accentColor: '#0f766e' });
  });

  it('merges a partial PATCH into the settings and derives the portal URL from PUBLIC_URL', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const before = (await admin.get('/api/v1/settings/portal')).json();
    expect(before.portalUrl).toBe('http://localhost:3000/portal');
    const after = await admin.patch('/api/v1/settings/portal', { fieldVisibility: { impact: 'hidden' } });
    expect(after.statusCode).toBe(200);
    expect(after.json().fieldVisibility).toEqual({ ...before.fieldVisibility, impact: 'hidden' });
    expect(after.json().features).toEqual(before.features);
  });

  it('refuses unknown customers, unknown statuses, bad visibility values and unknown keys with 400', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const bad = [
      { features: { ticketing: { customers: [crypto.randomUUID()] } } },
      { visibleStatuses: ['Open', 'Imaginary'] },
      { fieldVisibility: { priority: 'maybe' } },
      { features: { ticketing: { enabled: 'yes' } } },
      { branding: { accentColor: 'red' } },
      { surprise: true },
    ];
    for (const body of bad) {
      const response = await admin.patch('/api/v1/settings/portal', body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect((await admin.get('/api/v1/settings/portal')).json().visibleStatuses).toEqual([
      'Open',
      'Pending',
      'Resolved',
      'Closed',
    ]);
  });

  it('lets only admins change portal settings', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    expect((await tech.get('/api/v1/settings/portal')).statusCode).toBe(200);
    const response = await tech.patch('/api/v1/settings/portal', { ticketsCannotBeReopened: true });
    expect(response.statusCode).toBe(403);
  });
});

describe('changing the portal password', () => {
  it('needs the current password, then signs in with the new one and ends the other sessions only', async () => {
    const { contact, password } = await buildContact(t);
    const here = await signInContact(t, { username: contact.username, password });
    const elsewhere = await signInContact(t, { username: contact.username, password });

    const wrong = await here.post('/portal/api/me/password', {
      currentPassword: 'nope',
      newPassword: 'a brand new secret',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');
    const short = await here.post('/portal/api/me/password', {
      currentPassword: password,
      newPassword: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('validation_failed');

    const changed = await here.post('/portal/api/me/password', {
      currentPassword: password,
      newPassword: 'a brand new secret',
    });
    expect(changed.statusCode).toBe(204);
    expect((await here.get('/portal/api/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/portal/api/me')).statusCode).toBe(401);
    const old = await client(t).post('/portal/api/auth/login', { username: contact.username, password });
    expect(old.statusCode).toBe(401);
    const fresh = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: 'a brand new secret',
    });
    expect(fresh.statusCode).toBe(200);
  });
});

describe('a generated password is a one-time key', () => {
  async function createdByTechnician() {
    const { client: tech } = await technicianClient(t, 'technician');
    const customer = await buildCustomer(t);
    const created = await tech.post('/api/v1/contacts', {
      customerId: customer.id,
      firstName: 'Élodie',
      lastName: 'Bernard',
      email: `${unique('elodie')}@customer.example`,
      language: 'fr',
    });
    const { contact, portalPassword } = created.json();
    return { tech, contact, portalPassword: portalPassword as string };
  }

  it('lets the contact do nothing but choose their own password, then everything', async () => {
    const { contact, portalPassword } = await createdByTechnician();
    const login = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: portalPassword,
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ mustChangePassword: true, language: 'fr' });
    const portal = client(t, { cookie: sessionCookie(login, 'contact') });
    expect((await portal.get('/portal/api/me')).json().mustChangePassword).toBe(true);
    for (const blocked of [
      await portal.get('/portal/api/tickets'),
      await portal.patch('/portal/api/me', { language: 'de' }),
      await portal.post('/portal/api/me/password', {
        currentPassword: portalPassword,
        newPassword: 'x'.repeat(12),
      }),
    ]) {
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('password_change_required');
    }

    const same = await portal.post('/portal/api/auth/password', { password: portalPassword });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('password_unchanged');
    expect((await portal.post('/portal/api/auth/password', { password: 'short' })).statusCode).toBe(400);

    const chosen = await portal.post('/portal/api/auth/password', { password: 'mon propre mot de passe' });
    expect(chosen.statusCode).toBe(204);
    expect((await portal.get('/portal/api/me')).json().mustChangePassword).toBe(false);
    expect((await portal.get('/portal/api/tickets')).statusCode).toBe(200);
    expect(
      (
        await client(t).post('/portal/api/auth/login', {
          username: contact.username,
          password: portalPassword,
        })
      ).statusCode,
    ).toBe(401);
    const again = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: 'mon propre mot de passe',
    });
    expect(again.json().mustChangePassword).toBe(false);
    // Choosing is for a generated password only: from now on the current one is asked for.
    expect(
      (await portal.post('/portal/api/auth/password', { password: 'yet another choice' })).statusCode,
    ).toBe(403);
  });

  it('is a one-time key again after a technician resets the credentials', async () => {
    const { tech, contact } = await createdByTechnician();
    const { portalPassword } = (
      await tech.post(`/api/v1/contacts/${contact.id}/credentials/reset`, {})
    ).json();
    const login = await client(t).post('/portal/api/auth/login', {
      username: contact.username,
      password: portalPassword,
    });
    expect(login.json().mustChangePassword).toBe(true);
    const portal = client(t, { cookie: sessionCookie(login, 'contact') });
    expect((await portal.get('/portal/api/tickets')).json().error.code).toBe('password_change_required');
    expect((await portal.post('/portal/api/auth/logout')).statusCode).toBe(204);
  });
});
