import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildContact,
  buildCustomer,
  buildTechnician,
  client,
  signInTechnician as signInClient,
} from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import {
  expectUsable,
  horizontalOverflow,
  launchBrowser,
  seriousViolations,
  signInTechnician,
  startServer,
  watchForProblems,
} from './browser';

let server: TestApp & { url: string };
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A customer with a contact and one ticket for them, made through the API as an admin would. */
async function ticketForAcme() {
  const { technician, password } = await buildTechnician(server, { role: 'admin' });
  const admin = await signInClient(server, { email: technician.email, password });
  const customer = await buildCustomer(server, { name: 'Boulangerie Martin' });
  const { contact } = await buildContact(server, { customerId: customer.id, firstName: 'Claire' });
  const created = await admin.post('/api/v1/tickets', {
    customerId: customer.id,
    contactId: contact.id,
    title: 'Caisse enregistreuse en panne',
    description: 'La caisse ne démarre plus depuis ce matin.',
    priority: 'High',
  });
  expect(created.statusCode).toBe(201);
  return created.json() as { id: string; number: number; createdAt: string };
}

describe('a French technician’s console', () => {
  it('switches to French from the account page, at once and for good', async () => {
    const ticket = await ticketForAcme();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    const technician = await signInTechnician(page, server, 'admin');

    // The technician's name in the header leads to their account page.
    await page.getByRole('link', { name: technician.name }).click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await page.getByLabel('Console language').selectOption('fr');
    // The page itself switches, without a reload.
    await page.getByRole('heading', { name: 'Mon compte' }).waitFor();
    await page.getByRole('status').getByText('Votre langue a été enregistrée.').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByLabel('Langue de la console').inputValue()).toBe('fr');
    await expectUsable(page, 'the account page');

    // Saved: a new visit opens in French.
    await page.reload();
    await page.getByRole('heading', { name: 'Mon compte' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'atrium_session');
    const me = await client(server, { cookie: `atrium_session=${cookie?.value}` }).get('/api/v1/me');
    expect(me.json().technician.language).toBe('fr');

    // The ticket list.
    await page.getByRole('link', { name: 'Tickets', exact: true }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.getByRole('columnheader', { name: 'Priorité' }).waitFor();
    await page.getByLabel('Rechercher des tickets').waitFor();
    await page.getByRole('link', { name: new RegExp(`^Ticket n°\\s${ticket.number}$`) }).waitFor();
    // Built-in statuses are translated like the rest.
    await page.locator('.badge-status', { hasText: 'Ouvert' }).first().waitFor();
    await expectUsable(page, 'the ticket list');

    // A ticket, with its dates in French.
    await page.goto(`${server.url}/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: /Caisse enregistreuse en panne/ }).waitFor();
    await page.getByText('Détails du ticket').first().waitFor();
    await page.getByRole('radio', { name: 'Réponse publique' }).waitFor();
    await expect
      .poll(() => page.getByLabel('Priorité').locator('option:checked').textContent())
      .toBe('Haute');
    await expect.poll(() => page.getByLabel('Statut').locator('option:checked').textContent()).toBe('Ouvert');
    const createdOn = new Intl.DateTimeFormat('fr', { dateStyle: 'medium' }).format(
      new Date(ticket.createdAt),
    );
    await page.getByText(createdOn).first().waitFor();
    await expectUsable(page, 'a ticket');

    // The portal settings.
    await page.goto(`${server.url}/admin/portal`);
    await page.getByRole('heading', { name: 'Portail client', level: 1 }).waitFor();
    await page.getByText('Fonctionnalités').first().waitFor();
    await expectUsable(page, 'the portal settings');

    // Where admins choose each colleague's language.
    await page.goto(`${server.url}/admin/technicians`);
    await page.getByRole('columnheader', { name: 'Langue' }).waitFor();
    await expect.poll(() => page.getByLabel(`Langue de ${technician.name}`).inputValue()).toBe('fr');
    await expectUsable(page, 'the technicians page');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens in the language an admin gave a technician, from a sign-in page in the browser’s language', async () => {
    const { technician, password } = await buildTechnician(server, { language: 'fr' });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Connectez-vous au centre de services' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByLabel('E-mail').fill(technician.email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs an English technician in to English whatever the sign-in page was shown in', async () => {
    const { technician, password } = await buildTechnician(server);
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Beim Service Desk anmelden' }).waitFor();
    await page.getByLabel('E-Mail').fill(technician.email);
    await page.getByLabel('Passwort').fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });
});
