import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCustomer } from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { launchBrowser, signInTechnician, startServer, watchForProblems } from './browser';

// No SMTP_URL: mail stays in the outbox, where the console shows it.
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

/** The text of what a control's aria-describedby points to: its hint and its error. */
function description(page: Page, label: string) {
  return page.getByLabel(label).evaluate((control) =>
    (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe('email', () => {
  it('an admin edits the French welcome email with a live preview, sees what the server refuses, and the outbox shows it sent to a new contact', async () => {
    await buildCustomer(server, { name: 'Fromagerie Dubois' });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signInTechnician(page, server, 'admin');

    await page.getByRole('link', { name: 'Email templates' }).click();
    await page.getByRole('heading', { name: 'Email templates', level: 1 }).waitFor();
    await page.getByRole('link', { name: /^Welcome/ }).waitFor();
    await page.getByText('Sent to a new contact with their portal username and password').waitFor();
    await page.getByRole('link', { name: 'Français', exact: true }).click();

    // The preview follows the typing, with sample values.
    await page.getByLabel('Subject').fill('Bienvenue chez {{companyName}}');
    await page.getByText('Bienvenue chez Example IT').waitFor();
    const mail = page.frameLocator('iframe[title="HTML part of the email"]');
    await mail.getByText('Bonjour Alex,').waitFor();
    // The mail's own look reaches the frame, without an inline style the console's policy refuses.
    expect(await mail.locator('body').evaluate((body) => getComputedStyle(body).fontSize)).toBe('15px');
    expect(
      await mail.getByRole('link', { name: 'https://help.example.com/portal' }).getAttribute('target'),
    ).toBe('_blank');
    await page.getByRole('radio', { name: 'Plain text' }).check();
    await page.getByText('Mot de passe : kT7#vQ2m-Lp9x').waitFor();

    // A placeholder goes where the cursor is.
    await page.getByLabel('Subject').press('End');
    await page.getByLabel('Subject').press('Shift+Home');
    await page.getByLabel('Subject').pressSequentially('Bienvenue, ');
    await page.getByRole('button', { name: '{{firstName}}' }).click();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Bienvenue, {{firstName}}');
    await page.getByText('Bienvenue, Alex').waitFor();
    await page.getByLabel('Subject').fill('Bienvenue chez {{companyName}}');
    await page.getByText('Bienvenue chez Example IT').waitFor();

    await page.getByRole('link', { name: 'Français Unsaved' }).waitFor();
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('The template has been saved.').waitFor();

    await page.reload();
    await page.getByRole('link', { name: 'Français Customized', exact: true }).waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Bienvenue chez {{companyName}}');

    // The server's reason appears next to the body.
    const body = await page.getByLabel('Body').inputValue();
    await page.getByLabel('Body').fill(body.replace('{{password}}', ''));
    await page.getByRole('button', { name: 'Save template' }).click();
    expect(await description(page, 'Body')).toContain('must contain {{password}}');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.getByLabel('Body').inputValue()).toBe(body);

    // A contact created in the console gets the saved template, which the outbox shows.
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('link', { name: 'New contact' }).click();
    await page.getByLabel('Customer').selectOption({ label: 'Fromagerie Dubois' });
    await page.getByLabel('First name').fill('Hélène');
    await page.getByLabel('Last name').fill('Dubois');
    await page.getByLabel('Email').fill('helene@fromagerie-dubois.example');
    await page.getByLabel('Language').selectOption({ label: 'Français' });
    // The MSP has not named itself yet: the welcome email goes only when the technician asks for it.
    await page.getByLabel('Send the contact their portal credentials').check();
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page
      .getByRole('dialog', { name: 'Portal credentials' })
      .getByRole('button', { name: 'Done' })
      .click();

    await page.getByRole('link', { name: 'Outbox', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'helene@fromagerie-dubois.example' });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      expect.any(String),
      'helene@fromagerie-dubois.example',
      'Bienvenue chez Atrium',
      'Welcome',
      'Queued',
      '—',
    ]);
    await row.getByText('Bienvenue chez Atrium').click();
    await row.getByText('Bonjour Hélène,').waitFor();
    await row.getByText(/Mot de passe : \S{16,}/).waitFor();

    // Back to the text Atrium ships with, from the outbox's own link.
    await page.getByRole('main').getByRole('link', { name: 'Email templates' }).click();
    await page.getByRole('link', { name: 'Français Customized', exact: true }).click();
    await page.getByRole('button', { name: 'Reset to default' }).click();
    await page
      .getByRole('dialog', { name: 'Reset this template to the default?' })
      .getByRole('button', { name: 'Reset to default' })
      .click();
    await page.getByText('The template is back to the default.').waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe(
      'Votre compte sur le portail d’assistance {{companyName}}',
    );
    await page.getByRole('link', { name: 'Français', exact: true }).waitFor();

    // The one failed request is the refused save.
    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
  });

  it('a technician reads the outbox and the templates, and cannot change them', async () => {
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signInTechnician(page, server, 'technician');
    await page.getByRole('link', { name: 'Outbox', exact: true }).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();

    await page.getByRole('link', { name: 'Email templates' }).click();
    await page.getByRole('link', { name: /^Ticket status change/ }).click();
    await page.getByText('Only admins can change the templates.').waitFor();
    expect(await page.getByLabel('Subject').getAttribute('readonly')).toBe('');
    expect(await page.getByRole('button', { name: 'Save template' }).count()).toBe(0);
    await page.frameLocator('iframe[title="HTML part of the email"]').getByText('Resolved').first().waitFor();

    // Technicians' own mail exists in each language too, the status named in that language.
    await page.getByRole('link', { name: 'Deutsch', exact: true }).click();
    await page.frameLocator('iframe[title="HTML part of the email"]').getByText('Gelöst').first().waitFor();
    await page.getByRole('link', { name: /^New ticket/ }).click();
    await page.getByRole('link', { name: 'Deutsch', exact: true }).click();
    await expect
      .poll(() => page.getByLabel('Subject').inputValue())
      .toBe('[#{{ticketNumber}}] Neues Ticket: {{ticketTitle}}');
    expect(problems).toEqual([]);
  });
});
