import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildContact,
  buildCustomer,
  type Client,
  client,
  technicianClient,
} from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { launchBrowser, startServer, watchForProblems } from './browser';

let server: TestApp & { url: string };
let browser: Browser;
let context: BrowserContext;
let admin: Client;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = (await technicianClient(server, 'admin')).client;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
});
afterEach(async () => context.close());

async function signIn(page: Page, login: { username: string; password: string }) {
  await page.goto(`${server.url}/portal`);
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describe('the customer portal', () => {
  it('a contact opens a ticket, replies and marks it resolved; their primary colleague sees it in the company view, another company does not', async () => {
    const company = await buildCustomer(server, { name: 'Atelier Rousseau' });
    const oscar = await buildContact(server, { customerId: company.id, firstName: 'Oscar' });
    const paula = await buildContact(server, { customerId: company.id, firstName: 'Paula', isPrimary: true });
    const stranger = await buildContact(server, { firstName: 'Xavier' });

    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, { username: oscar.contact.username, password: oscar.password });
    await page.getByRole('button', { name: 'New ticket' }).first().click();
    await page.getByLabel('Title', { exact: true }).fill('Le scanner ne répond plus');
    await page
      .getByLabel('Description', { exact: true })
      .fill('Since the update, scanning fails with an error.');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.getByRole('heading', { name: /Le scanner ne répond plus/ }).waitFor();

    await page.getByLabel('Message').fill('It also happens on the second scanner.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('It also happens on the second scanner.').waitFor();
    await page.getByRole('button', { name: 'Mark as resolved' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(problems).toEqual([]);

    const colleague = await context.browser()?.newContext();
    if (!colleague) throw new Error('no browser');
    const primary = await colleague.newPage();
    await signIn(primary, { username: paula.contact.username, password: paula.password });
    await primary.getByRole('link', { name: 'Tickets', exact: true }).click();
    // The switch follows the URL, which updates once the navigation commits.
    await primary.getByRole('radio', { name: 'Company tickets' }).click();
    await primary.waitForURL(/scope=company/);
    await primary.getByRole('link', { name: /Le scanner ne répond plus/ }).waitFor();
    await colleague.close();

    const outsider = await context.browser()?.newContext();
    if (!outsider) throw new Error('no browser');
    const other = await outsider.newPage();
    await signIn(other, { username: stranger.contact.username, password: stranger.password });
    await other.getByRole('link', { name: 'Tickets', exact: true }).click();
    await other.getByRole('heading', { name: 'Tickets' }).first().waitFor();
    await other.waitForLoadState('networkidle');
    expect(await other.getByText('Le scanner ne répond plus').count()).toBe(0);
    await outsider.close();
  });

  it('says why a billed ticket is read-only, in French and in German', async () => {
    const company = await buildCustomer(server);
    const { contact, password } = await buildContact(server, { customerId: company.id, firstName: 'Léa' });
    const ticket = (
      await admin.post('/api/v1/tickets', {
        title: 'Facture de maintenance',
        customerId: company.id,
        contactId: contact.id,
      })
    ).json();
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Closed', billed: true });

    const page = await context.newPage();
    await signIn(page, { username: contact.username, password });
    await page.goto(`${server.url}/portal/tickets/${ticket.id}`);
    await page.getByText(/closed and invoiced/).waitFor();
    // No reply on it: the way on is a follow-up, a new request linked to this one.
    expect(await page.getByRole('button', { name: 'Send', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reopen' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Open a follow-up' }).waitFor();

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('link', { name: 'Paramètres' }).waitFor();
    await page.goto(`${server.url}/portal/tickets/${ticket.id}`);
    await page.getByText(/clôturée et facturée/).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByLabel('Langue').selectOption('de');
    await page.getByRole('link', { name: 'Einstellungen' }).waitFor();
    await page.goto(`${server.url}/portal/tickets/${ticket.id}`);
    await page.getByText(/abgeschlossen und abgerechnet/).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('de');
  });

  it('a contact changes their password in Settings and signs in with the new one', async () => {
    const { contact, password } = await buildContact(server);
    const page = await context.newPage();
    await signIn(page, { username: contact.username, password });
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('my own long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The current password is not correct.').first().waitFor();
    await page.getByLabel('Current password').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed.').waitFor();
    const login = await client(server).post('/portal/api/auth/login', {
      username: contact.username,
      password: 'my own long passphrase',
    });
    expect(login.statusCode).toBe(200);
  });

  it('turns a reply to a closed ticket into a linked new ticket, hides hidden fields and switched-off sections', async () => {
    await admin.patch('/api/v1/settings/portal', {
      ticketsCannotBeReopened: true,
      fieldVisibility: { priority: 'hidden' },
    });
    const company = await buildCustomer(server);
    const { contact, password } = await buildContact(server, { customerId: company.id });
    await admin.patch('/api/v1/settings/portal', {
      features: { knowledgeBase: { customers: [company.id] } },
    });
    try {
      const old = (
        await admin.post('/api/v1/tickets', {
          title: 'Wi-Fi in the hall',
          customerId: company.id,
          contactId: contact.id,
        })
      ).json();
      await admin.patch(`/api/v1/tickets/${old.id}`, { status: 'Closed' });

      const page = await context.newPage();
      await signIn(page, { username: contact.username, password });
      expect(await page.getByRole('link', { name: 'Knowledge base' }).count()).toBe(1);
      await page.goto(`${server.url}/portal/tickets/${old.id}`);
      await page.getByText(/closed and cannot be reopened/).waitFor();
      expect(await page.getByRole('button', { name: 'Reopen' }).count()).toBe(0);
      expect(await page.getByText('Priority', { exact: true }).count()).toBe(0);
      await page.getByLabel('Message').fill('The Wi-Fi is down again.');
      await page.getByRole('button', { name: 'Send follow-up' }).click();
      await page
        .getByText(`Your follow-up has been opened as a new request, linked to ticket #${old.number}.`, {
          exact: false,
        })
        .waitFor();
      expect(page.url()).not.toContain(old.id);

      // Knowledge base switched off for this company while the contact is signed in.
      await admin.patch('/api/v1/settings/portal', { features: { knowledgeBase: { customers: [] } } });
      await page.goto(`${server.url}/portal/kb`);
      await page.getByText('This section is not available for your account.').waitFor();
      expect(await page.getByRole('link', { name: 'Knowledge base' }).count()).toBe(0);
    } finally {
      await admin.patch('/api/v1/settings/portal', {
        ticketsCannotBeReopened: false,
        fieldVisibility: { priority: 'edit' },
        features: { knowledgeBase: { customers: 'all' } },
      });
    }
  });
});
