import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { eventually, startAgentProcess } from './test/agents';
import { createDatabase, databaseUrl, dropDatabase, uniqueName } from './test/databases';
import { type ServerProcess, startServer, stopServer, untilReady } from './test/processes';

/**
 * Real server processes, started as `npm start` starts them. The embedded database must refuse a
 * second process and survive a shutdown; PostgreSQL must let several processes share the work.
 */
const running: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(stopServer));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(env: Record<string, string>) {
  const server = await startServer(env);
  running.push(server);
  return server;
}

async function signIn(server: ServerProcess, email: string, password: string) {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

/** The fields of the answers these tests read. */
type ApiBody = {
  id: string;
  token: string;
  state: string;
  output: string;
  items: { id: string; online: boolean }[];
};

/** A new PostgreSQL database for several processes, with the first admin they all create once. */
async function sharedDatabase() {
  const name = uniqueName('atrium_procs');
  await createDatabase(name);
  cleanups.push(() => dropDatabase(name));
  const env = {
    DATABASE_URL: databaseUrl(name),
    ATRIUM_ADMIN_EMAIL: 'boss@msp.example',
    ATRIUM_ADMIN_PASSWORD: 'shared-secret-123',
  };
  return { name, env };
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-proc-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('starting the server', () => {
  it('exits with every configuration problem listed', async () => {
    const server = await start({ PORT: 'abc', DATABASE_URL: 'mysql://x', DATA_DIR: tempDir() });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('Atrium cannot start');
    expect(server.stderr()).toContain('PORT');
    expect(server.stderr()).toContain('DATABASE_URL');
  });

  if (inject('testDatabase').kind === 'embedded') {
    it('prints a generated admin password once, keeps data across a clean shutdown, and never prints it again', async () => {
      const dataDir = tempDir();
      const first = await start({ DATA_DIR: dataDir });
      await untilReady(first);
      const password = /with the password\s+(\S+)/.exec(first.stdout())?.[1] ?? '';
      expect(password).toHaveLength(24);
      // A request in flight when SIGTERM arrives still gets its answer.
      const inFlight = signIn(first, 'admin@localhost', password);
      await new Promise((resolve) => setTimeout(resolve, 20));
      first.child.kill('SIGTERM');
      expect((await inFlight).status).toBe(200);
      expect(await first.exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'atrium.lock'))).toBe(false);

      const second = await start({ DATA_DIR: dataDir });
      await untilReady(second);
      expect(second.stdout()).not.toContain(password);
      expect((await signIn(second, 'admin@localhost', password)).status).toBe(200);
    });

    it('logs JSON lines when stdout is not a terminal, and no line per request at info', async () => {
      const server = await start({
        DATA_DIR: tempDir(),
        LOG_LEVEL: 'info',
        ATRIUM_ADMIN_EMAIL: 'a@b.example',
        ATRIUM_ADMIN_PASSWORD: 'twelve-chars-ok',
      });
      await untilReady(server);
      expect((await signIn(server, 'a@b.example', 'wrong-password')).status).toBe(401);
      await fetch(`${server.url}/api/v1/tickets?token=in-the-query`);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const lines = server
        .stdout()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(lines.map((line) => line.msg)).toEqual(
        expect.arrayContaining(['Atrium is ready', 'shutting down']),
      );
      expect(lines.filter((line) => /request/.test(line.msg))).toEqual([]);
    });

    it('logs each request once at debug, without its query string', async () => {
      const server = await start({
        DATA_DIR: tempDir(),
        LOG_LEVEL: 'debug',
        ATRIUM_ADMIN_EMAIL: 'a@b.example',
        ATRIUM_ADMIN_PASSWORD: 'twelve-chars-ok',
      });
      await untilReady(server);
      await fetch(`${server.url}/api/v1/tickets?token=in-the-query`);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const requests = server
        .stdout()
        .split('\n')
        .filter((line) => line.includes('"msg":"request"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(requests.filter((line) => line.url === '/api/v1/tickets')).toEqual([
        expect.objectContaining({ level: 20, method: 'GET', statusCode: 401, reqId: expect.any(String) }),
      ]);
      expect(server.stdout()).not.toContain('in-the-query');
    });

    it('refuses a second process on the same data directory with a clear message', async () => {
      const dataDir = tempDir();
      const first = await start({
        DATA_DIR: dataDir,
        ATRIUM_ADMIN_EMAIL: 'a@b.example',
        ATRIUM_ADMIN_PASSWORD: 'twelve-chars-ok',
      });
      await untilReady(first);
      const second = await start({ DATA_DIR: dataDir });
      expect(await second.exited).toBe(1);
      expect(second.stderr()).toContain('is in use by another Atrium process');
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    });
  } else {
    it('lets two processes start together on a new database, and a session from one works on the other', async () => {
      const { name, env } = await sharedDatabase();
      const [a, b] = await Promise.all([
        start({ ...env, DATA_DIR: tempDir() }),
        start({ ...env, DATA_DIR: tempDir() }),
      ]);
      await Promise.all([untilReady(a), untilReady(b)]);

      const { status, cookie } = await signIn(a, 'boss@msp.example', 'shared-secret-123');
      expect(status).toBe(200);
      const onB = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
      expect(onB.status).toBe(200);
      expect(((await onB.json()) as { technician: { email: string } }).technician.email).toBe(
        'boss@msp.example',
      );

      const db = new pg.Client({ connectionString: databaseUrl(name) });
      await db.connect();
      const admins = (await db.query('select count(*)::int as n from technicians')).rows[0].n;
      await db.end();
      expect(admins).toBe(1);
    });

    it('delivers an action made through one process to an agent connected to another', async () => {
      const { env } = await sharedDatabase();
      const a = await start({ ...env, DATA_DIR: tempDir() });
      await untilReady(a);
      const b = await start({ ...env, DATA_DIR: tempDir() });
      await untilReady(b);
      const { cookie } = await signIn(a, 'boss@msp.example', 'shared-secret-123');
      const onA = (url: string, body?: unknown) =>
        fetch(`${a.url}${url}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { cookie, origin: a.url, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }).then((response) => response.json() as Promise<ApiBody>);
      const customer = await onA('/api/v1/customers', { name: 'Two processes Ltd' });
      const { token } = await onA('/api/v1/enrollment-tokens', { customerId: customer.id });

      // Enrolled and connected through B; the action is asked of A.
      const agent = startAgentProcess(b.url, { token, os: 'linux' });
      cleanups.push(async () => {
        await agent.kill();
        fs.rmSync(agent.stateDir, { recursive: true, force: true });
      });
      const device = await eventually(
        async () => (await onA(`/api/v1/devices?customerId=${customer.id}`)).items[0],
        (found) => found?.online === true,
        30_000,
      );
      const action = await onA(`/api/v1/devices/${device?.id}/actions`, { type: 'lock' });
      const done = await eventually(
        () => onA(`/api/v1/actions/${action.id}`),
        (found) => found.state === 'succeeded',
        10_000,
      );
      expect(done.output).toBe('["loginctl","lock-sessions"]');
    });
  }
});
