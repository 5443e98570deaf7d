import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildTechnician } from '../../apps/server/src/test/factories';
import { createTestApp, type TestApp } from '../../apps/server/src/test/test-app';

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
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
    ],
  });
}

/** The real server with the built web apps, on a free port of its own database. */
export async function startServer(): Promise<TestApp & { url: string }> {
  const t = await createTestApp();
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
