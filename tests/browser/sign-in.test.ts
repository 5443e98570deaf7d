import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildContact, buildTechnician, technicianClient } from '../../apps/server/src/test/factories';
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
});
afterEach(async () => context.close());

describe('console', () => {
  it('a technician signs in, stays signed in across a reload, and signs out', async () => {
    const { technician, password } = await buildTechnician(server, { role: 'admin' });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(server.url);

    await page.getByLabel('Email').fill(technician.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not correct/i);

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByText(technician.name).count()).toBeGreaterThan(0);
    for (const section of [
      'Tickets',
      'Customers',
      'Contacts',
      'Knowledge base',
      'Devices',
      'Customer portal',
    ]) {
      expect(await page.getByRole('link', { name: section, exact: true }).count()).toBe(1);
    }

    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    await page.reload();
    await page.getByLabel('Email').waitFor();
    expect(problems).toEqual([]);
  });

  it('does not show the Admin group to a technician without the admin role', async () => {
    const { technician, password } = await buildTechnician(server, { role: 'technician' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Email').fill(technician.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByRole('link', { name: 'Tickets', exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Customer portal' }).count()).toBe(0);
  });
});

describe('portal', () => {
  it('a contact signs in, switches to French and then German, keeps the choice, and signs out', async () => {
    const { contact, password } = await buildContact(server, { firstName: 'Camille' });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${server.url}/portal`);

    await page.getByLabel('Username').fill(contact.username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, Camille' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Knowledge base' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'My devices' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('link', { name: 'Paramètres' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    await page.reload();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    await page.getByLabel('Langue').selectOption('de');
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.getByRole('link', { name: 'Wissensdatenbank' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByLabel('Benutzername').waitFor();
    await page.reload();
    await page.getByLabel('Password').waitFor();
    expect(problems).toEqual([]);
  });

  it('shows the MSP branding on the sign-in page', async () => {
    const { client } = await technicianClient(server, 'admin');
    await client.patch('/api/v1/settings/portal', {
      branding: { name: 'Nimbus IT', accentColor: '#b91c1c' },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByText('Nimbus IT').first().waitFor();
    expect(await page.title()).toContain('Nimbus IT');
    const accent = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--accent'),
    );
    expect(accent.trim().toLowerCase()).toBe('#b91c1c');
  });
});
