import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTechnician, client } from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { launchBrowser, startServer, watchForProblems } from './browser';

let server: TestApp & { url: string };
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});
afterEach(async () => context.close());

describe('the service desk', () => {
  it('a technician sets up a customer and contact, opens a ticket, replies, notes, resolves and bills it', async () => {
    const { technician, password } = await buildTechnician(server, { role: 'admin' });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(server.url);
    await page.getByLabel('Email').fill(technician.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // A customer with an email domain.
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await page
      .getByRole('link', { name: 'New customer' })
      .or(page.getByRole('button', { name: 'New customer' }))
      .click();
    await page.getByLabel('Name', { exact: true }).fill('Boulangerie Martin');
    await page.getByLabel('Email domains').fill('boulangerie-martin.example');
    await page.getByLabel('Email domains').press('Enter');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Boulangerie Martin' }).waitFor();

    // A contact, whose generated password is copied from the credentials dialog.
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page
      .getByRole('link', { name: 'New contact' })
      .or(page.getByRole('button', { name: 'New contact' }))
      .click();
    await page.getByLabel('Customer').selectOption({ label: 'Boulangerie Martin' });
    await page.getByLabel('First name').fill('Claire');
    await page.getByLabel('Last name').fill('Martin');
    await page.getByLabel('Email').fill('claire@boulangerie-martin.example');
    await page.getByRole('button', { name: 'Create contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Portal credentials' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Copy password' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.length).toBeGreaterThanOrEqual(16);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const portalLogin = await client(server).post('/portal/api/auth/login', {
      username: 'claire@boulangerie-martin.example',
      password: copied,
    });
    expect(portalLogin.statusCode).toBe(200);

    // A ticket for her.
    await page.getByRole('link', { name: 'Tickets', exact: true }).click();
    await page
      .getByRole('link', { name: 'New ticket' })
      .or(page.getByRole('button', { name: 'New ticket' }))
      .click();
    // The queue has a Customer filter too: wait for the form before choosing.
    await page.getByRole('heading', { name: 'New ticket' }).waitFor();
    await page.getByLabel('Customer').selectOption({ label: 'Boulangerie Martin' });
    await page
      .getByLabel('Contact')
      .selectOption({ label: 'Claire Martin (claire@boulangerie-martin.example)' });
    await page.getByLabel('Title').fill('Caisse enregistreuse en panne');
    await page.getByLabel('Description').fill('The till does not start since this morning.');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.getByRole('heading', { name: /Caisse enregistreuse en panne/ }).waitFor();

    // A public reply, then an internal note.
    await page.getByRole('radio', { name: 'Public reply' }).check();
    await page.getByLabel('Message').fill('We are sending a technician **today**.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('We are sending a technician').waitFor();
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page.getByLabel('Message').fill('Warranty expired last month.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Warranty expired last month.').waitFor();

    // Resolved and billed, from the side panel.
    await page.getByLabel('Status').selectOption('Resolved');
    await page.getByLabel('Billed').check();
    const cookie = (await context.cookies()).find((c) => c.name === 'atrium_session');
    const staff = client(server, { cookie: `atrium_session=${cookie?.value}` });
    await expect
      .poll(async () => (await staff.get('/api/v1/tickets?q=Caisse')).json().items[0], { timeout: 10_000 })
      .toMatchObject({ status: 'Resolved', billed: true, contact: { name: 'Claire Martin' } });
    const ticket = (await staff.get('/api/v1/tickets?q=Caisse')).json().items[0];
    const thread = (await staff.get(`/api/v1/tickets/${ticket.id}/comments`)).json().items;
    expect(thread.map((c: { internal: boolean }) => c.internal)).toEqual([false, true]);
    expect(problems.filter((p) => !/status of 40[34]/.test(p))).toEqual([]);
  });
});
