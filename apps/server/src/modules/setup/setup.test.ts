import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, type Client, signInTechnician, technicianClient } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

const FIRST_ADMIN = { email: 'first-admin@example.com', password: 'first-admin-password' };
const LOGO = 'https://cdn.dupont-it.example/logo.png';

let t: TestApp;
let firstAdmin: Client;
beforeAll(async () => {
  t = await createTestApp();
  firstAdmin = await signInTechnician(t, FIRST_ADMIN);
});
afterAll(async () => t.close());

const doneItems = async (admin: Client) => {
  const response = await admin.get('/api/v1/setup');
  expect(response.statusCode).toBe(200);
  const { items } = response.json() as { items: { id: string; done: boolean }[] };
  return items.filter((item) => item.done).map((item) => item.id);
};

describe('first-run checklist', () => {
  it("shows a fresh install's first admin everything still to do, mail waiting in the Outbox", async () => {
    const response = await firstAdmin.get('/api/v1/setup');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { id: 'mspName', done: false },
        { id: 'logo', done: false },
        { id: 'displayName', done: false },
        { id: 'portalCustomers', done: false },
        { id: 'mailDelivery', done: false },
      ],
      mailDelivery: 'outbox',
      dismissed: false,
    });
  });

  it('ticks each item once the MSP names itself, uploads its logo, the admin names themself and picks the portal customers', async () => {
    await firstAdmin.patch('/api/v1/settings/portal', { branding: { name: 'Dupont IT' } });
    expect(await doneItems(firstAdmin)).toEqual(['mspName']);

    await firstAdmin.patch('/api/v1/settings/portal', { branding: { logoUrl: LOGO } });
    const renamed = await firstAdmin.patch('/api/v1/me', { name: 'Claire Dupont' });
    expect(renamed.json().technician.name).toBe('Claire Dupont');
    // A change that leaves every feature's customers alone is not a choice of who gets the portal.
    await firstAdmin.patch('/api/v1/settings/portal', { features: { aiAssistant: { enabled: false } } });
    expect(await doneItems(firstAdmin)).toEqual(['mspName', 'logo', 'displayName']);

    const customer = await buildCustomer(t);
    await firstAdmin.patch('/api/v1/settings/portal', {
      features: { ticketing: { customers: [customer.id] } },
    });
    expect(await doneItems(firstAdmin)).toEqual(['mspName', 'logo', 'displayName', 'portalCustomers']);
    await firstAdmin.patch('/api/v1/settings/portal', { features: { ticketing: { customers: 'all' } } });
  });

  it('is dismissed for every admin and shown again on undo; the items stay computed', async () => {
    const { client: otherAdmin } = await technicianClient(t, 'admin');
    const dismissed = await firstAdmin.post('/api/v1/setup/dismiss');
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ dismissed: true });
    expect((await otherAdmin.get('/api/v1/setup')).json()).toMatchObject({ dismissed: true });

    const reopened = await otherAdmin.delete('/api/v1/setup/dismiss');
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ dismissed: false });
    // Another technician's name is their own: only the first admin's default name counts as unchosen.
    expect(reopened.json().items).toContainEqual({ id: 'displayName', done: true });
    const audit = (await otherAdmin.get('/api/v1/audit?action=setup.')).json() as {
      items: { action: string }[];
    };
    expect(audit.items.map((entry) => entry.action)).toEqual(['setup.reopened', 'setup.dismissed']);
  });

  it('is for admins only: a technician gets 403, without a session 401', async () => {
    const { client: technician } = await technicianClient(t, 'technician');
    expect((await technician.get('/api/v1/setup')).statusCode).toBe(403);
    const refused = await technician.post('/api/v1/setup/dismiss');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).statusCode).toBe(401);
  });

  it('counts mail as delivered when SMTP_URL is configured', async () => {
    const withSmtp = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:2525' });
    try {
      const admin = await signInTechnician(withSmtp, FIRST_ADMIN);
      const checklist = (await admin.get('/api/v1/setup')).json();
      expect(checklist.mailDelivery).toBe('smtp');
      expect(checklist.items).toContainEqual({ id: 'mailDelivery', done: true });
    } finally {
      await withSmtp.close();
    }
  });
});
