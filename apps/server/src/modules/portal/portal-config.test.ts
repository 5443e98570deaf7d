import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildContact,
  buildCustomer,
  type Client,
  client,
  signInContact,
  technicianClient,
  unique,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * Two servers on one database, each with its own in-memory caches: what an admin changes through
 * one applies to a contact served by the other from their next request (SPEC §3.9).
 */
let first: TestApp;
let second: TestApp;
let admin: Client;
beforeAll(async () => {
  first = await createTestApp();
  second = await first.sibling();
  admin = (await technicianClient(first, 'admin')).client;
});
afterAll(async () => first.close());

/** A contact signed in through the second server, whose caches are warm after a first read. */
async function contactOnSecond() {
  const customer = await buildCustomer(first);
  const { contact, password } = await buildContact(first, { customerId: customer.id });
  const portal = await signInContact(second, { username: contact.username, password });
  expect((await portal.get('/portal/api/tickets')).statusCode).toBe(200);
  return { customer, contact, portal };
}

describe('two servers sharing one database', () => {
  it('applies a portal setting changed on one to the next request on the other', async () => {
    const { customer, portal } = await contactOnSecond();
    const other = await buildCustomer(first);

    const off = await admin.patch('/api/v1/settings/portal', {
      features: { ticketing: { customers: [other.id] } },
    });
    expect(off.statusCode).toBe(200);
    expect((await portal.get('/portal/api/tickets')).statusCode).toBe(403);

    await admin.patch('/api/v1/settings/portal', {
      features: { ticketing: { customers: [other.id, customer.id] } },
    });
    expect((await portal.get('/portal/api/tickets')).statusCode).toBe(200);
    await admin.patch('/api/v1/settings/portal', { features: { ticketing: { customers: 'all' } } });
  });

  it('answers a sign-in on the other with the settings as they are now', async () => {
    await contactOnSecond();
    const customer = await buildCustomer(first);
    const { contact, password } = await buildContact(first, { customerId: customer.id });
    await admin.patch('/api/v1/settings/portal', { features: { knowledgeBase: { enabled: false } } });
    const login = { username: contact.username, password };
    const signedIn = await client(second).post('/portal/api/auth/login', login);
    expect(signedIn.json().features.knowledgeBase).toBe(false);
    await admin.patch('/api/v1/settings/portal', { features: { knowledgeBase: { enabled: true } } });
  });

  it('shows a custom field added on one in the next answer of the other', async () => {
    const { portal } = await contactOnSecond();
    const key = unique('asset').replaceAll('-', '_').toLowerCase();
    const created = await admin.post('/api/v1/custom-fields', { key, label: { en: 'Asset' }, type: 'text' });
    expect(created.statusCode, created.body).toBe(201);
    const me = (await portal.get('/portal/api/me')).json();
    expect(me.customFields.map((field: { key: string }) => field.key)).toContain(key);
  });

  it('lets a renamed status through on the other at once', async () => {
    const { portal } = await contactOnSecond();
    const name = unique('Waiting');
    expect((await admin.post('/api/v1/ticket-statuses', { name })).statusCode).toBe(201);
    await admin.patch('/api/v1/settings/portal', { visibleStatuses: ['Open', 'Pending', name] });
    const me = (await portal.get('/portal/api/me')).json();
    expect(me.statuses.map((status: { name: string }) => status.name)).toContain(name);

    const renamed = `${name}-later`;
    expect(
      (await admin.patch(`/api/v1/ticket-statuses/${encodeURIComponent(name)}`, { name: renamed }))
        .statusCode,
    ).toBe(200);
    const after = (await portal.get('/portal/api/me')).json();
    expect(after.statuses.map((status: { name: string }) => status.name)).toContain(renamed);
    await admin.patch('/api/v1/settings/portal', {
      visibleStatuses: ['Open', 'Pending', 'Resolved', 'Closed'],
    });
  });

  it('finds an article published on one in the next search on the other, and no longer once withdrawn', async () => {
    const { portal } = await contactOnSecond();
    const word = unique('zyxglob').replaceAll('-', '');
    const search = async () => (await portal.get(`/portal/api/kb/articles?q=${word}`)).json().total;
    expect(await search()).toBe(0);

    const created = await admin.post('/api/v1/kb/articles', {
      title: `How to ${word}`,
      body: 'Steps.',
      language: 'en',
      shared: true,
      status: 'published',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await search()).toBe(1);

    await admin.patch(`/api/v1/kb/articles/${created.json().id}`, { status: 'draft' });
    expect(await search()).toBe(0);
  });

  it('lists a ticket opened or changed through one in the next list on the other', async () => {
    const { customer, contact, portal } = await contactOnSecond();
    const list = async () => (await portal.get('/portal/api/tickets')).json();
    expect((await list()).total).toBe(0);

    const opened = await admin.post('/api/v1/tickets', {
      title: 'Printer jams on every page',
      description: 'Since this morning.',
      customerId: customer.id,
      contactId: contact.id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    expect((await list()).items.map((ticket: { id: string }) => ticket.id)).toEqual([id]);

    await admin.patch(`/api/v1/tickets/${id}`, { status: 'Pending' });
    expect((await list()).items[0].status).toBe('Pending');
  });
});
