import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, type Client, contactClient, technicianClient } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Client;
let portal: Client;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await technicianClient(t, 'admin')).client;
  customerId = (await buildCustomer(t)).id;
  portal = (await contactClient(t, { customerId })).client;
});
afterAll(async () => t.close());

async function article(body: Record<string, unknown>) {
  const response = await admin.post('/api/v1/kb/articles', { shared: true, status: 'published', ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('the portal knowledge base', () => {
  it('finds shared, published articles only, stemmed in the article language', async () => {
    const printer = await article({
      title: 'Imprimante bloquée',
      body: "L'imprimante du bureau affiche une erreur.",
      language: 'fr',
    });
    await article({
      title: 'Imprimante interne',
      body: 'Note imprimante interne',
      language: 'fr',
      shared: false,
    });
    await article({
      title: 'Imprimante brouillon',
      body: 'imprimante brouillon',
      language: 'fr',
      status: 'draft',
    });
    const found = (await portal.get('/portal/api/kb/articles?q=imprimantes')).json();
    expect(found.items.map((item: { id: string }) => item.id)).toEqual([printer.id]);
    expect(found.items[0].snippet).toContain('<mark>');
  });

  it('opens an article in the contact language when a translation exists, and counts feedback', async () => {
    const en = await article({
      title: 'Reset your password',
      body: 'Open the settings page.',
      language: 'en',
    });
    const de = await article({
      title: 'Passwort zurücksetzen',
      body: 'Öffnen Sie die Einstellungen.',
      language: 'de',
      translationOf: en.id,
    });
    const read = await portal.get(`/portal/api/kb/articles/${en.id}?language=de`);
    expect(read.json()).toMatchObject({ id: de.id, language: 'de' });
    expect(read.json()).not.toHaveProperty('status');
    expect(
      (await portal.post(`/portal/api/kb/articles/${de.id}/feedback`, { helpful: true })).statusCode,
    ).toBe(204);
    expect((await admin.get(`/api/v1/kb/articles/${de.id}`)).json()).toMatchObject({ helpful: 1, views: 1 });
  });

  it('hides internal and draft articles from direct reads (404) and the whole KB when the feature is off (403)', async () => {
    const internal = await article({ title: 'Internal', body: 'secret', language: 'en', shared: false });
    expect((await portal.get(`/portal/api/kb/articles/${internal.id}`)).statusCode).toBe(404);
    await admin.patch('/api/v1/settings/portal', { features: { knowledgeBase: { customers: [] } } });
    expect((await portal.get('/portal/api/kb/articles')).statusCode).toBe(403);
    expect((await portal.get('/portal/api/kb/categories')).statusCode).toBe(403);
    await admin.patch('/api/v1/settings/portal', { features: { knowledgeBase: { customers: 'all' } } });
    expect((await portal.get('/portal/api/kb/articles')).statusCode).toBe(200);
  });
});

describe('popular articles', () => {
  it('lists the most read and most helpful articles first', async () => {
    // Created first, so only popularity can put it ahead of the newer one.
    const popular = await article({ title: 'Often read', body: 'y', language: 'en' });
    const quiet = await article({ title: 'Rarely read', body: 'x', language: 'en' });
    for (let i = 0; i < 3; i++) await portal.get(`/portal/api/kb/articles/${popular.id}`);
    await portal.post(`/portal/api/kb/articles/${popular.id}/feedback`, { helpful: true });
    const list = (await portal.get('/portal/api/kb/articles?sort=popular&pageSize=100')).json();
    const order = list.items.map((item: { id: string }) => item.id);
    expect(order.indexOf(popular.id)).toBeLessThan(order.indexOf(quiet.id));
    expect(order[0]).toBe(popular.id);
  });
});
