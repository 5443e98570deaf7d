import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { selfSignedCertificate } from './certificates';
import { freePort } from './processes';

/**
 * Debian's `pebble` (Let's Encrypt's test CA) and `pebble-challtestsrv` (its mock DNS) for one test
 * file: free loopback ports, a temporary directory, a throwaway certificate for pebble's own HTTPS.
 * See research/acme-testing.md. The CA validates HTTP-01 on `httpPort` of 127.0.0.1, the address
 * the mock DNS gives every name.
 */

export type Pebble = {
  directoryUrl: string;
  /** The certificate of pebble's own HTTPS listener (its API and management API). */
  listenerCa: string;
  /** The root that signs issued certificates (pebble makes a new one on every start). */
  root(): Promise<string>;
  stop(): Promise<void>;
};

/** The mock DNS, started first: the server under test asks it too (DNS_SERVERS). */
export type MockDns = {
  dnsServer: string;
  setCname(host: string, target: string): Promise<void>;
  clearCname(host: string): Promise<void>;
  /** Where `host` (or a CNAME to it) leads instead of the default 127.0.0.1. */
  setA(host: string, address: string): Promise<void>;
  stop(): Promise<void>;
};

function started(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function until(what: string, output: () => string, attempt: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await attempt().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start:\n${output()}`);
}

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

export async function startMockDns(): Promise<MockDns> {
  const [dnsPort, managementPort] = [await freePort(), await freePort()];
  const { child, output } = started('pebble-challtestsrv', [
    '-defaultIPv6',
    '',
    '-dns01',
    `127.0.0.1:${dnsPort}`,
    '-http01',
    '',
    '-https01',
    '',
    '-tlsalpn01',
    '',
    '-management',
    `127.0.0.1:${managementPort}`,
  ]);
  const manage = async (endpoint: string, body: unknown) => {
    const response = await fetch(`http://127.0.0.1:${managementPort}/${endpoint}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`challtestsrv ${endpoint}: ${response.status}`);
  };
  await until('pebble-challtestsrv', output, async () => {
    await manage('clear-cname', { host: 'ready.test' });
    return true;
  });
  return {
    dnsServer: `127.0.0.1:${dnsPort}`,
    setCname: (host, target) => manage('set-cname', { host, target }),
    clearCname: (host) => manage('clear-cname', { host }),
    setA: (host, address) => manage('add-a', { host, addresses: [address] }),
    stop: () => stopChild(child),
  };
}

/** Pebble on `port`, asking `dns`, validating HTTP-01 challenges on `httpPort`. */
export async function startPebble(dns: MockDns, httpPort: number, port: number): Promise<Pebble> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-pebble-'));
  // Pebble's own HTTPS listener, which the ACME client reaches at 127.0.0.1.
  const listener = selfSignedCertificate('localhost', 1, ['DNS:localhost', 'IP:127.0.0.1']);
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  fs.writeFileSync(certFile, listener.certificate);
  fs.writeFileSync(keyFile, listener.privateKey);
  const [managementPort, tlsPort] = [await freePort(), await freePort()];
  const configFile = path.join(dir, 'pebble-config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${port}`,
        managementListenAddress: `127.0.0.1:${managementPort}`,
        certificate: certFile,
        privateKey: keyFile,
        httpPort,
        tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  const { child, output } = started('pebble', ['-config', configFile, '-dnsserver', dns.dnsServer], {
    PEBBLE_VA_NOSLEEP: '1',
    PEBBLE_WFE_NONCEREJECT: '0',
  });
  const listenerCa = listener.certificate;
  const directoryUrl = `https://127.0.0.1:${port}/dir`;
  await until('pebble', output, async () => (await httpsGet(directoryUrl, listenerCa)).status === 200);
  return {
    directoryUrl,
    listenerCa,
    root: async () => (await httpsGet(`https://127.0.0.1:${managementPort}/roots/0`, listenerCa)).body,
    async stop() {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
