import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildContact,
  buildCustomer,
  type Client,
  signInContact,
  technicianClient,
} from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import {
  horizontalOverflow,
  launchBrowser,
  seriousViolations,
  signInToPortalInFrench,
  startServer,
  watchForProblems,
} from './browser';

let server: TestApp & { url: string };
let browser: Browser;
let context: BrowserContext;
let admin: Client;
let adminName: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const signedIn = await technicianClient(server, 'admin');
  admin = signedIn.client;
  adminName = signedIn.technician.name;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ locale: 'fr-FR' });
});
afterEach(async () => context.close());

describe('a billed ticket’s follow-up', () => {
  it('a French contact on a phone opens a follow-up of an invoiced ticket and is told it worked', async () => {
    const customer = await buildCustomer(server, { name: 'Boulangerie Martin' });
    const { contact, password } = await buildContact(server, {
      customerId: customer.id,
      firstName: 'Hélène',
      language: 'fr',
    });
    const portal = await signInContact(server, { username: contact.username, password });
    const created = await portal.post('/portal/api/tickets', {
      title: 'La caisse ne s’allume plus',
      description: 'Depuis ce matin, écran noir.',
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json() as { id: string; number: number };
    const billed = await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Closed', billed: true });
    expect(billed.statusCode).toBe(200);

    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await signInToPortalInFrench(page, server.url, contact.username, password);
    await page.goto(`${server.url}/portal/tickets/${ticket.id}`);

    // The invoiced ticket says why it is read-only in the customer's words, and the way on.
    await page.getByText('Cette demande est clôturée et facturée', { exact: false }).waitFor();
    // Its history says who closed and invoiced it.
    await page.getByText(`${adminName} a changé le statut en « Clôturé ».`).waitFor();
    await page.getByText(`${adminName} a indiqué que cette demande est facturée.`).waitFor();
    expect(await page.getByText('facturé et ne peut plus', { exact: false }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Ouvrir une suite' }).click();
    const message = page.getByLabel('Message');
    expect(await message.evaluate((element) => element === document.activeElement)).toBe(true);
    await message.fill('La caisse s’éteint de nouveau toutes les heures.');
    await page.getByRole('button', { name: 'Envoyer la demande de suite' }).click();

    await page
      .getByText(`Votre suite a été ouverte comme nouvelle demande, liée au ticket n° ${ticket.number}.`, {
        exact: false,
      })
      .waitFor();
    await page.getByRole('link', { name: `Suite du ticket n° ${ticket.number}` }).waitFor();
    await page.getByText('La caisse s’éteint de nouveau toutes les heures.').waitFor();
    expect(page.url()).not.toContain(ticket.id);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);

    const followUpId = new URL(page.url()).pathname.split('/').pop();
    const staff = (await admin.get(`/api/v1/tickets/${followUpId}`)).json();
    expect(staff).toMatchObject({ title: 'La caisse ne s’allume plus', billed: false });
  });

  it('asks before a final "Mark as resolved", suggests articles for a new ticket and offers a ticket after a "No"', async () => {
    const customer = await buildCustomer(server, { name: 'Pharmacie Roux' });
    const { contact, password } = await buildContact(server, { customerId: customer.id, language: 'fr' });
    const portal = await signInContact(server, { username: contact.username, password });
    const ticket = (
      await portal.post('/portal/api/tickets', { title: 'Wi-Fi lent', description: 'Au comptoir.' })
    ).json();
    const topic = `Imprimante${Date.now().toString(36)}`;
    const article = await admin.post('/api/v1/kb/articles', {
      title: `${topic} : vider la file d’attente`,
      body: `Si l’**${topic}** bloque, videz la file d’attente.`,
      language: 'fr',
      shared: true,
      status: 'published',
    });
    expect(article.statusCode, article.body).toBe(201);

    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await signInToPortalInFrench(page, server.url, contact.username, password);

    expect((await admin.patch('/api/v1/settings/portal', { ticketsCannotBeReopened: true })).statusCode).toBe(
      200,
    );
    try {
      await page.goto(`${server.url}/portal/tickets/${ticket.id}`);
      await page.getByRole('button', { name: 'Marquer comme résolu' }).click();
      const dialog = page.getByRole('dialog', { name: 'Marquer ce ticket comme résolu ?' });
      await dialog.getByText('Un ticket résolu ne peut pas être rouvert.', { exact: false }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Marquer comme résolu' }).click();
      await page.getByText('Le ticket a été marqué comme résolu.').waitFor();
      await page.getByRole('button', { name: 'Ouvrir une suite' }).waitFor();
    } finally {
      await admin.patch('/api/v1/settings/portal', { ticketsCannotBeReopened: false });
    }

    await page.goto(`${server.url}/portal/tickets/new`);
    await page.getByLabel('Titre', { exact: false }).fill(`${topic} bloquée`);
    const suggestion = page.getByRole('link', { name: `${topic} : vider la file d’attente` });
    await suggestion.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.url}/portal/kb/${article.json().id}`);
    await page.getByRole('button', { name: 'Non' }).click();
    await page.getByText('Merci pour votre retour', { exact: false }).waitFor();
    await page.getByText('Besoin d’aide supplémentaire ?').waitFor();
    await page.getByRole('link', { name: 'Ouvrir un ticket' }).click();
    await page.waitForURL(/\/portal\/tickets\/new$/);
    expect(problems).toEqual([]);
  });
});
