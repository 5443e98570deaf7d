import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { expectUsable, launchBrowser, startServer, watchForProblems } from './browser';

// createTestApp's first start: the install's own admin, still called "Administrator".
const FIRST_ADMIN = { email: 'first-admin@example.com', password: 'first-admin-password' };
const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let server: TestApp & { url: string };
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The checklist's card for one item, and whether it says done. */
const item = (page: Page, title: string) => page.getByRole('listitem').filter({ hasText: title });

async function openChecklist(page: Page) {
  await page.goto(`${server.url}/setup`);
  await page.getByRole('heading', { name: 'Getting started', level: 1 }).waitFor();
}

describe('the first-run checklist', () => {
  it("greets a fresh install's admin, ticks each item as they set up the MSP, and can be dismissed and brought back", async () => {
    await buildCustomer(server, { name: 'Boulangerie Martin' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchForProblems(page);

    // Signing in on the console's address lands on the checklist, nothing done yet.
    await page.goto(server.url);
    await page.getByLabel('Email').fill(FIRST_ADMIN.email);
    await page.getByLabel('Password').fill(FIRST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Getting started', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/setup');
    await page.getByText('0 of 5 done').waitFor();
    await item(page, 'Name your MSP').getByText('To do', { exact: true }).waitFor();
    await item(page, 'Deliver email')
      .getByText(/email waits in the Outbox/)
      .waitFor();
    await expectUsable(page, 'the checklist');

    // Until the MSP has a name, a new contact is not mailed credentials unless the technician asks.
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('link', { name: 'New contact' }).click();
    await page
      .getByText(/Your MSP has not been named yet: a welcome email would come from “Atrium”/)
      .waitFor();
    const sendCredentials = page.getByLabel('Send the contact their portal credentials');
    expect(await sendCredentials.isChecked()).toBe(false);
    await expectUsable(page, 'the new contact form');
    await page.getByLabel('Customer').selectOption({ label: 'Boulangerie Martin' });
    await page.getByLabel('First name').fill('Claire');
    await page.getByLabel('Last name').fill('Martin');
    await page.getByLabel('Email').fill('claire@boulangerie-martin.example');
    await page.getByRole('button', { name: 'Create contact' }).click();
    const credentials = page.getByRole('dialog', { name: 'Portal credentials' });
    await credentials.getByText('No email was sent: hand these details to the contact yourself.').waitFor();
    await credentials.getByRole('button', { name: 'Done' }).click();

    // The MSP's name and logo, from the item's link to the portal settings.
    await openChecklist(page);
    await item(page, 'Name your MSP').getByRole('link', { name: 'Branding in the portal settings' }).click();
    await page.getByRole('heading', { name: 'Customer portal', level: 1 }).waitFor();
    await page.getByLabel('MSP name').fill('Dupont IT');
    await page.getByLabel('Logo URL').fill(LOGO);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The portal settings have been saved.').waitFor();
    await openChecklist(page);
    await page.getByText('2 of 5 done').waitFor();
    await item(page, 'Name your MSP').getByText('Done', { exact: true }).waitFor();
    await item(page, 'Add your logo').getByText('Done', { exact: true }).waitFor();

    // The admin's own name, on the account page.
    await item(page, 'Choose your display name').getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Claire Dupont');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('status').getByText('Your name has been saved.').waitFor();
    await page.getByRole('link', { name: 'Claire Dupont' }).waitFor();
    await expectUsable(page, 'the account page');

    // Every customer keeps the portal: a choice too.
    await openChecklist(page);
    await page.getByText('3 of 5 done').waitFor();
    await page.getByRole('button', { name: 'Keep it for every customer' }).click();
    await page.getByText('4 of 5 done').waitFor();
    await item(page, 'Choose which customers get the portal').getByText('Done', { exact: true }).waitFor();
    await expectUsable(page, 'the checklist, almost done');

    // Dismissed (with an undo), the console opens on the tickets; the account page brings it back.
    await page.getByRole('button', { name: 'Dismiss the checklist' }).click();
    await page
      .getByRole('status')
      .getByText(/The checklist is dismissed/)
      .waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Dismiss the checklist' }).click();
    await page.getByRole('link', { name: 'Go to the tickets' }).waitFor();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Show the checklist again' }).click();
    await page.getByRole('heading', { name: 'Getting started', level: 1 }).waitFor();
    await page.getByText('4 of 5 done').waitFor();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Getting started', level: 1 }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });
});
