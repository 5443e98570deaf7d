import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { COMPILED_SERVER } from '../lib/server-root';
import { createDatabase, databaseUrl, dropDatabase, uniqueName } from './databases';

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts the compiled server as a real process, the way `npm start` does (`npm test` builds it first). */
export async function startServer(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  if (!fs.existsSync(COMPILED_SERVER))
    throw new Error(`${COMPILED_SERVER} is missing: run npm run build:server`);
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [COMPILED_SERVER, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', PORT: port, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, stdout: () => out, stderr: () => err, exited };
}

/** Resolves when /healthz answers, rejects if the process exits first. */
export async function untilReady(server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}: ${server.stderr()}`);
    try {
      if ((await fetch(`${server.url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not ready after ${timeoutMs} ms: ${server.stderr()}`);
}

export async function stopServer(server: ServerProcess): Promise<number | null> {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

/**
 * Where server processes keep their data on this test project: a new data dir, and on the
 * PostgreSQL project a new database as well (processes given the same storage share it).
 */
export async function serverStorage(
  prefix: string,
): Promise<{ env: Record<string, string>; remove: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (inject('testDatabase').kind === 'embedded') return { env: { DATA_DIR: dataDir }, remove: removeDir };
  const name = uniqueName(prefix.replaceAll('-', '_'));
  await createDatabase(name);
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl(name) },
    remove: async () => {
      await dropDatabase(name);
      await removeDir();
    },
  };
}
