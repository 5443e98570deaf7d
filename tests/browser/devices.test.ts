import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildContact, buildCustomer, buildTechnician } from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { launchBrowser, startServer, watchForProblems } from './browser';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

let server: TestApp & { url: string };
let browser: Browser;
let context: BrowserContext;
let agent: ChildProcess | undefined;
let agentLog = '';
let stateDir: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-agent-'));
});
/** SIGTERM, as a service manager stops it; resolves once the process is gone. */
async function stopAgent() {
  if (!agent || agent.exitCode !== null || agent.signalCode !== null) return;
  const exited = new Promise((resolve) => agent?.once('exit', resolve));
  agent.kill('SIGTERM');
  await exited;
}

afterAll(async () => {
  await stopAgent();
  fs.rmSync(stateDir, { recursive: true, force: true });
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});
afterEach(async () => context.close());

/** The real agent, in its own process, as a Windows machine that only says what it would run. */
function startAgent(token: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'apps/agent/src/main.ts',
      '--server',
      server.url,
      '--token',
      token,
      '--state-dir',
      stateDir,
      '--dry-run',
      '--simulate-os',
      'windows',
      // Come back from the simulated reboot at once rather than after up to a minute.
      '--backoff-base-ms',
      '100',
      '--backoff-cap-ms',
      '1000',
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (chunk: Buffer) => {
    agentLog += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return child;
}

describe('devices', () => {
  it('a technician enrolls a device with a token from the console, assigns it, reboots it and removes it', async () => {
    const customer = await buildCustomer(server, { name: 'Cabinet Durand' });
    const { contact } = await buildContact(server, { customerId: customer.id, firstName: 'Alex' });
    const contactName = `${contact.firstName} ${contact.lastName}`;
    const { technician, password } = await buildTechnician(server);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(server.url);
    await page.getByLabel('Email').fill(technician.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

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
    agent = startAgent(token);
    const hostname = os.hostname();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: hostname }) });
    await row
      .getByText('Online', { exact: true })
      .waitFor({ timeout: 30_000 })
      .catch((error: unknown) => {
        throw new Error(`the device did not come online; agent log:\n${agentLog}`, { cause: error });
      });
    expect(await row.textContent()).toContain('Cabinet Durand');

    // The customer's token is used up.
    await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Cabinet Durand' });
    const tokens = page.getByRole('region', { name: 'Enrollment tokens', exact: true }).first();
    await tokens.getByText('1 of 1').waitFor();
    expect(await tokens.getByText('Used up').count()).toBe(1);

    // On a phone the list keeps its essential columns and does not scroll sideways.
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
        throw new Error(`the reboot did not succeed; agent log:\n${agentLog}`, { cause: error });
      });
    await reboot.getByText(/^Output/).click();
    expect(await reboot.locator('pre').textContent()).toContain('shutdown.exe');
    expect(await actions.getByRole('row').count()).toBe(2);

    // The agent stops: the device goes offline, and a lock waits for it.
    await stopAgent();
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
    expect(await actions.getByRole('row').count()).toBe(3);

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
