import fs from 'node:fs';
import os from 'node:os';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertSoftware } from '../../apps/server/src/modules/software/software.repo';
import { type AgentProcess, startAgentProcess } from '../../apps/server/src/test/agents';
import { buildContact, buildCustomer } from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { launchBrowser, signInTechnician, startServer, watchForProblems } from './browser';

let server: TestApp & { url: string };
let browser: Browser;
let context: BrowserContext;
/** The real agent, as a Windows machine that only says what it would run. */
let agent: AgentProcess | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await agent?.kill();
  if (agent) fs.rmSync(agent.stateDir, { recursive: true, force: true });
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});
afterEach(async () => context.close());

describe('devices', () => {
  it('a technician enrolls a device with a token from the console, assigns it, reboots it, installs approved software and removes it', async () => {
    const customer = await buildCustomer(server, { name: 'Cabinet Durand' });
    const { contact } = await buildContact(server, { customerId: customer.id, firstName: 'Alex' });
    const contactName = `${contact.firstName} ${contact.lastName}`;
    await insertSoftware(server.database.db, {
      name: '7-Zip',
      chocolatey: '7zip',
      homebrew: null,
      homebrewCask: false,
    });
    await insertSoftware(server.database.db, {
      name: 'Rectangle',
      chocolatey: null,
      homebrew: 'rectangle',
      homebrewCask: true,
    });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signInTechnician(page, server);

    // No device yet: the page says how to add one.
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    await page.getByText('There are no devices yet.').waitFor();
    await page.getByRole('button', { name: 'Add a device' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a device' });
    await dialog.getByLabel('Customer').selectOption({ label: 'Cabinet Durand' });
    await dialog.getByLabel('How many devices').fill('1');
    await dialog.getByLabel('Valid for (hours)').fill('2');
    await dialog.getByRole('button', { name: 'Create token' }).click();

    // The token, once, with a command per OS.
    await dialog.getByText('shown only this once').waitFor();
    await dialog.getByRole('button', { name: 'Copy token' }).click();
    const token = await page.evaluate(() => navigator.clipboard.readText());
    expect(token.length).toBeGreaterThanOrEqual(20);
    await dialog.getByText(token, { exact: true }).waitFor();
    for (const os of ['Windows', 'macOS', 'Linux']) {
      expect(await dialog.getByRole('button', { name: `Copy the ${os} command` }).count()).toBe(1);
    }
    expect(await dialog.locator('pre').first().textContent()).toContain(token);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The agent enrolls; the list shows it online without a reload.
    const started = startAgentProcess(server.url, { token, os: 'windows' });
    agent = started;
    const hostname = os.hostname();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: hostname }) });
    await row
      .getByText('Online', { exact: true })
      .waitFor({ timeout: 30_000 })
      .catch((error: unknown) => {
        throw new Error(`the device did not come online; agent log:\n${started.output()}`, { cause: error });
      });
    expect(await row.textContent()).toContain('Cabinet Durand');

    // The customer's token is used up.
    await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Cabinet Durand' });
    const tokens = page.getByRole('region', { name: 'Enrollment tokens', exact: true }).first();
    await tokens.getByText('1 of 1').waitFor();
    expect(await tokens.getByText('Used up').count()).toBe(1);

    // On a phone the list shows a card per device and does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await row.waitFor();
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: Array.from(
        document.querySelectorAll('.table-wrap'),
        (wrap) => wrap.scrollWidth - wrap.clientWidth,
      ),
    }));
    expect(overflow).toEqual({ page: 0, table: [0, 0] });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Its page: inventory, then assigned to a contact of its customer.
    await row.getByRole('link', { name: hostname }).click();
    await page.getByRole('heading', { name: hostname, level: 1 }).waitFor();
    const inventory = page.getByRole('region', { name: 'Inventory', exact: true });
    await inventory.getByText(/Windows 11 Pro/).waitFor();
    const assignment = page.getByRole('region', { name: 'Assigned to', exact: true });
    await assignment.getByLabel('Contact').selectOption({ label: `${contactName} (${contact.email})` });
    await assignment.getByRole('link', { name: contactName }).waitFor();
    await inventory.getByRole('link', { name: contactName }).waitFor();

    // Reboot, confirmed: the dry-run agent reports what it would run and comes back with a new boot.
    const actions = page.getByRole('region', { name: 'Actions', exact: true });
    await actions.getByRole('button', { name: 'Reboot', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: `Reboot ${hostname}?` });
    await confirm.getByRole('button', { name: 'Reboot', exact: true }).click();
    await confirm.waitFor({ state: 'hidden', timeout: 5000 }).catch(async (error: unknown) => {
      throw new Error(`the dialog stayed: ${await confirm.textContent()}`, { cause: error });
    });
    const reboot = actions.getByRole('row').filter({ hasText: 'Reboot' });
    await reboot
      .getByText('Succeeded', { exact: true })
      .waitFor({ timeout: 30_000 })
      .catch((error: unknown) => {
        throw new Error(`the reboot did not succeed; agent log:\n${started.output()}`, { cause: error });
      });
    await reboot.getByText(/^Output/).click();
    expect(await reboot.locator('pre').textContent()).toContain('shutdown.exe');
    expect(await actions.getByRole('row').count()).toBe(2);

    // An approved install, picked from the catalog entries for Windows.
    await actions.getByLabel('Approved software').selectOption({ label: '7-Zip' });
    await actions.getByRole('button', { name: 'Install software', exact: true }).click();
    const install = page.getByRole('dialog', { name: `Install 7-Zip on ${hostname}?` });
    await install.getByRole('button', { name: 'Install software', exact: true }).click();
    await install.waitFor({ state: 'hidden' });
    const installed = actions.getByRole('row').filter({ hasText: 'Install software' });
    await installed.getByText('Succeeded', { exact: true }).waitFor({ timeout: 30_000 });
    await installed.getByText(/^Output/).click();
    expect(await installed.locator('pre').textContent()).toContain('"install","7zip"');

    // The agent stops: the device goes offline, and a lock waits for it.
    await started.stop();
    await page.getByText('Offline', { exact: true }).first().waitFor({ timeout: 15_000 });
    await actions.getByRole('button', { name: 'Lock', exact: true }).click();
    const lock = page.getByRole('dialog', { name: `Lock ${hostname}?` });
    await lock.getByText('is offline').waitFor();
    await lock.getByRole('button', { name: 'Lock', exact: true }).click();
    await lock.waitFor({ state: 'hidden' });
    const queued = actions.getByRole('row').filter({ hasText: 'Queued' });
    await queued.waitFor();

    // A second lock is refused in the server's words.
    await actions.getByRole('button', { name: 'Lock', exact: true }).click();
    await lock.getByRole('button', { name: 'Lock', exact: true }).click();
    await lock.getByRole('alert').getByText('Lock of this device is in progress already.').waitFor();
    await lock.getByRole('button', { name: 'Cancel' }).click();

    // Called back before it went out.
    await queued.getByRole('button', { name: /^Cancel Lock/ }).click();
    await actions.getByRole('row').filter({ hasText: 'Cancelled' }).waitFor();
    expect(await actions.getByRole('row').count()).toBe(4);

    // A lost computer is removed: back on the list, it is gone.
    await page.getByRole('button', { name: 'Remove device' }).click();
    const remove = page.getByRole('dialog', { name: `Remove ${hostname}?` });
    await remove.getByRole('button', { name: 'Remove device' }).click();
    await page.waitForURL(/\/devices$/);
    await page.getByRole('link', { name: hostname }).waitFor({ state: 'detached' });

    // The refused second lock is the one expected failure.
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  });
});
