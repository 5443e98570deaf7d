import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { CustomDomainStatus } from '@atrium/shared';
import * as acme from 'acme-client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../db/schema';
import { WEB_DIST } from '../../plugins/web';
import { eventually, listen } from '../../test/agents';
import { selfSignedCertificate } from '../../test/certificates';
import { buildCustomer, type Client, technicianClient, unique } from '../../test/factories';
import { type MockDns, type Pebble, startMockDns, startPebble } from '../../test/pebble';
import { freePort } from '../../test/processes';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * The custom domain end to end against Debian's pebble: DNS from pebble-challtestsrv, a real ACME
 * HTTP-01 order, the portal served over HTTPS by SNI. The custom domain is a global setting: this
 * file has a database of its own.
 */

const DOMAIN = 'help.customer.test';
/** The host of the test app's PUBLIC_URL (http://localhost:3000). */
const CNAME_TARGET = 'localhost';

let dns: MockDns;
let pebble: Pebble;
let t: TestApp;
let admin: Client;
let httpsPort: number;

beforeAll(async () => {
  dns = await startMockDns();
  httpsPort = await freePort();
  // Chosen now: the app's config names the directory, and pebble starts after the app listens.
  const acmePort = await freePort();
  t = await createTestApp({
    ACME_DIRECTORY_URL: `https://127.0.0.1:${acmePort}/dir`,
    ACME_EMAIL: 'admin@msp.test',
    HTTPS_PORT: String(httpsPort),
    DNS_SERVERS: dns.dnsServer,
  });
  const httpPort = Number(new URL(await listen(t)).port);
  pebble = await startPebble(dns, httpPort, acmePort);
  // acme-client's own HTTP client, told to trust pebble's throwaway certificate.
  acme.axios.defaults.httpsAgent = new https.Agent({ ca: pebble.listenerCa });
  admin = (await technicianClient(t, 'admin')).client;
}, 60_000);

afterAll(async () => {
  await t?.close();
  await pebble?.stop();
  await dns?.stop();
});

async function domainStatus(): Promise<CustomDomainStatus> {
  const response = await admin.get('/api/v1/settings/portal/domain');
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function setDomain(domain: string) {
  const response = await admin.patch('/api/v1/settings/portal', { customDomain: domain });
  expect(response.statusCode).toBe(200);
}

type HttpsAnswer = { status: number; headers: Record<string, unknown>; body: string; peer: X509Certificate };

/** A request to the HTTPS listener as a browser on `servername` sends it, trusting only pebble's root. */
async function overHttps(urlPath: string, servername = DOMAIN): Promise<HttpsAnswer> {
  const ca = await pebble.root();
  return new Promise((resolve, reject) => {
    const request = https.get(
      {
        host: '127.0.0.1',
        port: httpsPort,
        path: urlPath,
        servername,
        headers: { host: servername },
        ca,
        agent: false,
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            peer: new X509Certificate((response.socket as TLSSocket).getPeerCertificate().raw),
          }),
        );
      },
    );
    request.on('error', reject);
  });
}

describe('custom domain', () => {
  it('says which CNAME to create, and what is wrong with the one DNS has', async () => {
    await setDomain('wrong.customer.test');
    const missing = await domainStatus();
    expect(missing).toMatchObject({
      domain: 'wrong.customer.test',
      cnameTarget: CNAME_TARGET,
      dns: { status: 'missing', found: [] },
      certificate: null,
      httpsEnabled: true,
    });

    await dns.setCname('wrong.customer.test', 'elsewhere.example.net');
    expect((await domainStatus()).dns).toEqual({ status: 'wrong_target', found: ['elsewhere.example.net'] });
  });

  it('gets a certificate by ACME once the CNAME is right, and serves the portal there over HTTPS', async () => {
    await dns.setCname(DOMAIN, CNAME_TARGET);
    await setDomain(DOMAIN);
    const status = await eventually(
      domainStatus,
      (s) => s.certificate !== null || s.lastError !== null,
      30_000,
    );
    expect(status.lastError).toBeNull();
    expect(status).toMatchObject({
      dns: { status: 'ok', found: [CNAME_TARGET] },
      certificate: { source: 'acme' },
    });

    // The portal at the host's root, with its API; the certificate is the domain's, chained to pebble's root.
    const page = await eventually(
      () => overHttps('/').catch(() => null),
      (answer) => answer !== null,
    );
    expect(page?.peer.checkHost(DOMAIN)).toBe(DOMAIN);
    expect(page?.headers['strict-transport-security']).toBe('max-age=31536000');
    const portalShell = path.join(WEB_DIST, 'portal/index.html');
    if (fs.existsSync(portalShell)) {
      const shell = fs.readFileSync(portalShell, 'utf8');
      expect(page?.status).toBe(200);
      expect(page?.body).toBe(shell);
      // Its pages too (the console's shell is never sent here), and the assets it loads.
      for (const url of ['/tickets/new', '/index.html', '/portal/kb']) {
        expect((await overHttps(url)).body, url).toBe(shell);
      }
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(shell)?.[1] ?? '';
      expect((await overHttps(script)).status).toBe(200);
    }
    const branding = await overHttps('/portal/api/branding');
    expect(branding.status).toBe(200);
    expect(JSON.parse(branding.body)).toMatchObject({ name: 'Atrium' });

    // Links in mails and the console's portal address use the domain now.
    expect((await admin.get('/api/v1/settings/portal')).json().portalUrl).toBe(`https://${DOMAIN}`);
    const customer = await buildCustomer(t);
    const created = await admin.post('/api/v1/contacts', {
      customerId: customer.id,
      firstName: 'Jeanne',
      lastName: 'Martin',
      email: `${unique('jeanne')}@customer.test`,
    });
    expect(created.statusCode).toBe(201);
    const [welcome] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.contactId, created.json().contact.id));
    expect(welcome?.text).toContain(`https://${DOMAIN}`);
    expect(welcome?.text).not.toContain('/portal');
  });

  it('serves neither the console nor the technician API on the custom domain', async () => {
    for (const url of ['/api/v1/settings/portal', '/api/v1/auth/login', '/agent/ws', '/api/openapi.json']) {
      const answer = await overHttps(url);
      expect(answer.status, url).toBe(404);
      expect(JSON.parse(answer.body).error.code).toBe('not_found');
    }
    // Plain HTTP goes to HTTPS, except the CA's challenge.
    const plain = await t.app.inject({ method: 'GET', url: '/tickets?x=1', headers: { host: DOMAIN } });
    expect(plain.statusCode).toBe(301);
    expect(plain.headers.location).toBe(`https://${DOMAIN}/tickets?x=1`);
    const challenge = await t.app.inject({
      method: 'GET',
      url: '/.well-known/acme-challenge/unknown-token',
      headers: { host: DOMAIN },
    });
    expect(challenge.statusCode).toBe(404);
    // Any other host still gets the console and its API, and no certificate over HTTPS.
    expect((await admin.get('/api/v1/settings/portal')).statusCode).toBe(200);
    await expect(overHttps('/', 'other.customer.test')).rejects.toThrow();
  });

  it('refuses an uploaded certificate for another host or with another key', async () => {
    const other = selfSignedCertificate('other.customer.test', 60);
    const mine = selfSignedCertificate(DOMAIN, 60);
    const put = (body: unknown) => admin.request('PUT', '/api/v1/settings/portal/domain/certificate', body);

    const wrongHost = await put(other);
    expect(wrongHost.statusCode).toBe(400);
    expect(wrongHost.json().error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'body.certificate' }],
    });
    const wrongKey = await put({ certificate: mine.certificate, privateKey: other.privateKey });
    expect(wrongKey.statusCode).toBe(400);
    expect(wrongKey.json().error.details).toEqual([
      { path: 'body.privateKey', message: 'does not belong to the certificate' },
    ]);
    const notPem = await put({ certificate: 'hello', privateKey: mine.privateKey });
    expect(notPem.statusCode).toBe(400);

    const technician = (await technicianClient(t, 'technician')).client;
    const refused = await technician.request('PUT', '/api/v1/settings/portal/domain/certificate', mine);
    expect(refused.statusCode).toBe(403);
  });

  it('renews a certificate that expires within 30 days', async () => {
    // An uploaded certificate near its end: stored and served, then replaced by ACME.
    const nearEnd = selfSignedCertificate(DOMAIN, 10);
    const uploaded = await admin.request('PUT', '/api/v1/settings/portal/domain/certificate', nearEnd);
    expect(uploaded.statusCode).toBe(200);
    const uploadedNotAfter = new Date(new X509Certificate(nearEnd.certificate).validTo).toISOString();
    expect(uploaded.json().certificate).toMatchObject({ source: 'upload', notAfter: uploadedNotAfter });

    const renewed = await eventually(
      domainStatus,
      (s) => s.certificate?.source === 'acme' || s.lastError !== null,
      30_000,
    );
    expect(renewed.lastError).toBeNull();
    expect(renewed.certificate?.source).toBe('acme');
    const notAfter = new Date(renewed.certificate?.notAfter ?? 0).getTime();
    expect(notAfter - Date.now()).toBeGreaterThan(30 * 86_400_000);

    // The listener serves the new certificate (the uploaded one is not signed by pebble's root).
    const served = await eventually(
      () => overHttps('/portal/api/branding').catch(() => null),
      (answer) => answer !== null && new Date(answer.peer.validTo).getTime() === notAfter,
    );
    expect(served?.peer.checkHost(DOMAIN)).toBe(DOMAIN);
  });

  it('keeps what the CA said when an order fails, for the console', async () => {
    // The CA is sent to an address where nothing answers its HTTP-01 request (last: every name
    // pointing to the CNAME target now leads there).
    const domain = 'unreachable.customer.test';
    await dns.setCname(domain, CNAME_TARGET);
    await dns.setA(CNAME_TARGET, '127.0.0.2');
    await setDomain(domain);
    const failed = await eventually(domainStatus, (s) => s.lastError !== null, 30_000);
    expect(failed).toMatchObject({ domain, dns: { status: 'ok' }, certificate: null, ordering: false });
    expect(failed.lastError).toMatch(/127\.0\.0\.2:\d+: connect: connection refused/);
    // Served over plain HTTP meanwhile: the portal, without a redirect.
    const plain = await t.app.inject({
      method: 'GET',
      url: '/portal/api/branding',
      headers: { host: domain },
    });
    expect(plain.statusCode).toBe(200);
  });
});
