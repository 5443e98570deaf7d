import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, client, technicianClient } from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { launchBrowser, startServer, watchForProblems } from './browser';

let server: TestApp & { url: string };
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a new contact’s first sign-in', () => {
  it('a French contact signs in with the generated password and must choose their own, in French', async () => {
    const { client: technician } = await technicianClient(server, 'technician');
    const customer = await buildCustomer(server, { name: 'Fromagerie Dubois' });
    const created = await technician.post('/api/v1/contacts', {
      customerId: customer.id,
      firstName: 'Amélie',
      lastName: 'Dubois',
      email: 'amelie@fromagerie-dubois.example',
      language: 'fr',
    });
    const { contact, portalPassword } = created.json();

    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      const problems = watchForProblems(page);
      await page.goto(`${server.url}/portal`);
      await page.getByLabel('Nom d’utilisateur').fill(contact.username);
      await page.getByLabel('Mot de passe').fill(portalPassword);
      await page.getByRole('button', { name: 'Se connecter' }).click();

      await page.getByRole('heading', { name: 'Choisissez votre propre mot de passe' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      const field = page.getByLabel('Votre nouveau mot de passe');
      await field.fill(portalPassword);
      await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
      await page
        .getByText('Choisissez un autre mot de passe que celui qui vous a été envoyé.')
        .first()
        .waitFor();

      await field.fill('mon fromage préféré est le comté');
      await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
      await page.getByText('Bonjour Amélie').waitFor();
      // The one 400 is the refused generated password, expected above.
      expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
    } finally {
      await context.close();
    }

    const generated = await client(server).post('/portal/api/auth/login', {
      username: contact.username,
      password: portalPassword,
    });
    expect(generated.statusCode).toBe(401);
    const chosen = await client(server).post('/portal/api/auth/login', {
      username: contact.username,
      password: 'mon fromage préféré est le comté',
    });
    expect(chosen.json().mustChangePassword).toBe(false);
  });
});
