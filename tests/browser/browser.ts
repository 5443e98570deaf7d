import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createEnrollmentToken, eventually, startAgentProcess } from '../../apps/server/src/test/agents';
import { buildTechnician, type Client } from '../../apps/server/src/test/factories';
import { createTestApp, type TestApp } from '../../apps/server/src/test/test-app';

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless; never a downloaded browser. `args` are Chromium's own switches. */
export async function launchBrowser(args: string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does it).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
}

/** The real server with the built web apps, on a free port of its own database. */
export async function startServer(env: Record<string, string> = {}): Promise<TestApp & { url: string }> {
  const t = await createTestApp(env);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

/** A new technician of that role, signed in to the console in `page`. */
export async function signInTechnician(
  page: Page,
  server: TestApp & { url: string },
  role: 'admin' | 'technician' = 'technician',
) {
  const { technician, password } = await buildTechnician(server, { role });
  await page.goto(server.url);
  await page.getByLabel('Email').fill(technician.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return technician;
}

/**
 * Collects what would mean a broken page: script errors and Content-Security-Policy violations.
 * The expected 401 of "who is signed in?" on a signed-out page is not one of them.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/status of 401/.test(message.text())) return;
    problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The six digits of the newest text sent to `to`, read from the outbox as an admin would. */
export async function latestCode(admin: Client, to: string, after: Set<string>): Promise<string> {
  const texts = await eventually(
    async () => {
      const response = await admin.get('/api/v1/outbox/sms');
      expect(response.statusCode).toBe(200);
      return (response.json().items as { id: string; to: string; body: string }[]).filter(
        (text) => text.to === to && !after.has(text.id),
      );
    },
    (found) => found.length > 0,
  );
  const text = texts[0];
  if (!text) throw new Error('no text');
  after.add(text.id);
  const code = /\b(\d{6})\b/.exec(text.body)?.[1];
  if (!code) throw new Error(`no code in "${text.body}"`);
  return code;
}

/** axe's serious and critical findings on the page as it is. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy forbids inline scripts.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    type AxeViolation = { id: string; impact: string | null; nodes: { target: string[] }[] };
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Both widths people use: no serious axe finding, and nothing scrolls sideways on a phone. */
export async function expectUsable(page: Page, label: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${label}`).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await horizontalOverflow(page), `overflow at 390 px on ${label}`).toBe(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * The real agent for a customer's new computer, as Windows in a dry run, once it is online; its
 * log is in the error if it never gets there.
 */
export async function startOnlineAgent(server: TestApp & { url: string }, admin: Client, customerId: string) {
  const token = await createEnrollmentToken(admin, customerId);
  const agent = startAgentProcess(server.url, { token, os: 'windows' });
  const device = await eventually(
    async () => (await admin.get(`/api/v1/devices?customerId=${customerId}`)).json().items[0],
    (found: { id: string; hostname: string; online: boolean } | undefined) => found?.online === true,
    30_000,
  ).catch((error: unknown) => {
    throw new Error(`the device did not come online; agent log:\n${agent.output()}`, { cause: error });
  });
  if (!device) throw new Error('no device');
  return { agent, device };
}

/** Signs a contact in to the portal's French sign-in page. */
export async function signInToPortalInFrench(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/portal`);
  await page.getByLabel('Nom d’utilisateur').fill(username);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}
