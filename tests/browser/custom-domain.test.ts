import { X509Certificate } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../apps/server/src/test/agents';
import { selfSignedCertificate } from '../../apps/server/src/test/certificates';
import { buildContact, technicianClient } from '../../apps/server/src/test/factories';
import { freePort } from '../../apps/server/src/test/processes';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { launchBrowser, signInTechnician, startServer, watchForProblems } from './browser';

/**
 * The MSP's own domain for the portal, over HTTPS with an uploaded certificate (the ACME path is
 * tested against pebble in modules/domains); Chromium resolves it to the test server.
 */
const DOMAIN = 'help.customer.test';

let server: TestApp & { url: string };
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const httpsPort = await freePort();
  origin = `https://${DOMAIN}:${httpsPort}`;
  [server, browser] = await Promise.all([
    // No DNS answers for the domain here, so no certificate is ordered.
    startServer({ HTTPS_PORT: String(httpsPort), DNS_SERVERS: '127.0.0.1:9' }),
    launchBrowser([`--host-resolver-rules=MAP ${DOMAIN} 127.0.0.1`]),
  ]);
  const admin = (await technicianClient(server, 'admin')).client;
  expect((await admin.patch('/api/v1/settings/portal', { customDomain: DOMAIN })).statusCode).toBe(200);
  const upload = await admin.request(
    'PUT',
    '/api/v1/settings/portal/domain/certificate',
    selfSignedCertificate(DOMAIN, 60),
  );
  expect(upload.statusCode).toBe(200);
  // Every process takes up the certificate when told; this one is told at once.
  await eventually(
    async () => (await server.app.inject({ method: 'GET', url: '/', headers: { host: DOMAIN } })).statusCode,
    (status) => status === 301,
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the portal on its custom domain', () => {
  it('is at the root: a contact signs in there and its links stay there', async () => {
    const { contact, password } = await buildContact(server);
    // The certificate is self-signed: the browser is told to accept it.
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const problems = watchForProblems(page);

    const first = await page.goto(`${origin}/`);
    expect(await first?.headerValue('strict-transport-security')).toBe('max-age=31536000');
    await page.getByLabel('Username').fill(contact.username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'New ticket' }).first().click();
    await page.waitForURL(`${origin}/tickets/new`);
    await page.reload();
    await page.getByLabel('Title', { exact: true }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('the console says what DNS answers for the domain and which certificate serves it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signInTechnician(page, server, 'admin');
    await page.goto(`${server.url}/admin/portal`);
    await page.getByText(`DNS record to create: ${DOMAIN} CNAME localhost`).waitFor();
    await page.getByText(`DNS did not answer for ${DOMAIN}.`).waitFor();
    await page.getByText(/^Uploaded certificate, valid until/).waitFor();
    expect(await page.getByLabel('Portal URL').inputValue()).toBe(`https://${DOMAIN}`);
    expect(problems).toEqual([]);

    // A refused upload says why, next to the field (the browser logs the 400 it got).

    await page.getByRole('button', { name: 'Upload a certificate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Upload a certificate' });
    await dialog
      .getByLabel('Certificate (PEM)')
      .fill(selfSignedCertificate('other.customer.test', 60).certificate);
    await dialog.getByLabel('Private key (PEM, unencrypted)').fill('not a key');
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await dialog.getByText('must be an unencrypted PEM private key').waitFor();
    const replacement = selfSignedCertificate(DOMAIN, 80);
    await dialog.getByLabel('Certificate (PEM)').fill(replacement.certificate);
    await dialog.getByLabel('Private key (PEM, unencrypted)').fill(replacement.privateKey);
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const until = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(
      new Date(new X509Certificate(replacement.certificate).validTo),
    );
    await page.getByText(`Uploaded certificate, valid until ${until}.`).waitFor();
    // The dialog's form is its own: the settings form behind it did not try to save.
    expect(await page.getByText('Nothing has changed.').count()).toBe(0);
    await context.close();
  });
});
