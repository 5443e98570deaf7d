import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Where the bench runs: a fresh database on the PostgreSQL server (created here, dropped at the
 * end), and the embedded database in a temporary directory. Every resource made here registers its
 * own removal with the `Cleanup` so a failure or Ctrl-C halfway still leaves nothing behind.
 */

export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL with its password hidden, for messages. */
export const redact = (url: string) => url.replace(/:[^:@/]*@/, ':***@');

const STEP_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A problem with the environment the operator can fix; printed without a stack. */
export class SetupError extends Error {}

export class Cleanup {
  private readonly steps: { label: string; run: () => Promise<void> }[] = [];

  add(label: string, run: () => Promise<void>): void {
    this.steps.push({ label, run });
  }

  /**
   * Last in, first out; one failing step does not stop the others, and none may hang: closing a pool
   * waits for a running statement (say, an interrupted bulk insert), and the next step, `drop
   * database … with (force)`, is what ends that statement.
   */
  async runAll(report: (line: string) => void): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (!step) break;
      try {
        await withTimeout(step.run(), STEP_TIMEOUT_MS);
      } catch (error) {
        report(`cleanup: ${step.label} failed: ${(error as Error).message}`);
      }
    }
  }
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The server's version when it answers, otherwise why not. */
export async function probePostgres(): Promise<{ version: string } | { error: string }> {
  try {
    const version = await withAdminClient(async (client) => {
      const result = await client.query<{ server_version: string }>('show server_version');
      return result.rows[0]?.server_version ?? 'unknown';
    });
    return { version };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * A new, empty database; dropped by the cleanup even when the bench fails halfway, unless `keep`
 * asks to leave it for inspection.
 */
export async function createBenchDatabase(
  cleanup: Cleanup,
  keep: boolean,
  report: (line: string) => void,
): Promise<{ name: string; url: string }> {
  const name = `atrium_bench_${randomBytes(5).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (keep) {
    cleanup.add(`keep database ${name}`, async () =>
      report(`--keep: left ${redact(url.href)}; drop it with: drop database "${name}";`),
    );
  } else {
    // `with (force)` ends the pool's connections if the app did not get to close them.
    cleanup.add(`drop database ${name}`, () =>
      withAdminClient(async (client) => {
        await client.query(`drop database if exists "${name}" with (force)`);
      }),
    );
  }
  return { name, url: url.href };
}

/** A temporary directory (embedded data, attachments), removed by the cleanup. */
export async function createTempDir(cleanup: Cleanup, prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `atrium-bench-${prefix}-`));
  cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  return dir;
}
