import { afterEach, describe, expect, it } from 'vitest';
import { type ServerProcess, serverStorage, startServer, stopServer, untilReady } from '../test/processes';

/** `npm start -- --demo` as a newcomer runs it: a fresh data dir, one command, then the portal. */
const running: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(stopServer));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string>) {
  const server = await startServer(env, ['--demo']);
  running.push(server);
  await untilReady(server, 120_000);
  return server;
}

describe('npm start -- --demo', () => {
  it('loads the demo on a fresh data dir, prints the portal sign-ins, and leaves the data alone next time', async () => {
    const storage = await serverStorage('atrium-demo');
    cleanups.push(storage.remove);
    const first = await start(storage.env);
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
    const second = await start(storage.env);
    expect(second.stdout()).toContain('this database already has customers; the demo data was not loaded');
    expect(second.stdout()).not.toContain(password);
  }, 240_000);
});
