import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDatabase, databaseUrl, dropDatabase, uniqueName } from '../test/databases';
import { type ServerProcess, startServer, stopServer, untilReady } from '../test/processes';

/** `npm start -- --demo` as a newcomer runs it: a fresh data dir, one command, then the portal. */
const running: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(stopServer));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh place for the server's data: its own embedded database, or a new PostgreSQL database. */
async function freshStorage(): Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-demo-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (inject('testDatabase').kind === 'embedded') return { DATA_DIR: dataDir };
  const name = uniqueName('atrium_demo');
  await createDatabase(name);
  cleanups.push(() => dropDatabase(name));
  return { DATA_DIR: dataDir, DATABASE_URL: databaseUrl(name) };
}

async function start(env: Record<string, string>) {
  const server = await startServer(env, ['--demo']);
  running.push(server);
  await untilReady(server, 120_000);
  return server;
}

describe('npm start -- --demo', () => {
  it('loads the demo on a fresh data dir, prints the portal sign-ins, and leaves the data alone next time', async () => {
    const storage = await freshStorage();
    const first = await start(storage);
    const printed = [...first.stdout().matchAll(/^ {6}(\S+@\S+)\s+(\S+)\s+(.+)$/gm)];
    expect(printed.map((line) => line[3])).toContain('Giulia Rinaldi, Studio Rinaldi Architetti');
    expect(printed).toHaveLength(5);
    const [, username = '', password = ''] = printed[0] ?? [];

    const page = await fetch(`${first.url}/portal/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const login = await fetch(`${first.url}/portal/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: first.url },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
    const me = await fetch(`${first.url}/portal/api/me`, {
      headers: { cookie: login.headers.get('set-cookie')?.split(';')[0] ?? '' },
    });
    expect(((await me.json()) as { customer: { name: string } }).customer.name).toBe(
      'Cabinet Moreau Expertise Comptable',
    );

    await stopServer(first);
    const second = await start(storage);
    expect(second.stdout()).toContain('this database already has customers; the demo data was not loaded');
    expect(second.stdout()).not.toContain(password);
  }, 240_000);
});
