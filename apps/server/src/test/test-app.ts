import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { bootstrap } from '../bootstrap';
import { type Config, loadConfig } from '../config';
import { type Database, openDatabase } from '../db/client';
import { createDatabase, databaseUrl, dropDatabase, uniqueName } from './databases';

export const TEST_ORIGIN = 'http://localhost:3000';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /**
   * Another app on the same database, as a second server process would be: its own caches, and on
   * PostgreSQL its own pool (the embedded database belongs to one process, so it is shared).
   * Closed with this one.
   */
  sibling(): Promise<TestApp>;
  close(): Promise<void>;
};

/** A fresh, migrated database of the kind this test project runs on (see global-setup.ts). */
export async function openTestDatabase(): Promise<{
  database: Database;
  /** A second handle on the same database. */
  reopen: () => Promise<Database>;
  drop: () => Promise<void>;
}> {
  const target = inject('testDatabase');
  if (target.kind === 'embedded') {
    const loadDataDir = new Blob([fs.readFileSync(target.templateFile)]);
    const database = await openDatabase({ kind: 'embedded', loadDataDir });
    return { database, reopen: async () => ({ ...database, close: async () => {} }), drop: async () => {} };
  }
  const name = uniqueName('atrium_test');
  await createDatabase(name, target.template);
  const open = () => openDatabase({ kind: 'postgres', url: databaseUrl(name), poolSize: 5 });
  return { database: await open(), reopen: open, drop: () => dropDatabase(name) };
}

export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-data-'));
  return loadConfig({ PUBLIC_URL: TEST_ORIGIN, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
}

/**
 * The whole server on its own database, driven through HTTP with `app.inject`. `log` receives every
 * line the server logs, at every level: for tests that prove a secret never reaches the logs.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { log?: (line: string) => void } = {},
): Promise<TestApp> {
  const config = testConfig(env);
  const { database, reopen, drop } = await openTestDatabase();
  await bootstrap(database.db, {
    ...config,
    admin: { email: 'first-admin@example.com', password: 'first-admin-password' },
  });
  const siblings: TestApp[] = [];
  const serve = async (on: Database) => {
    const logger = options.log && { level: 'trace', stream: { write: options.log } };
    const app = await buildApp({ config, database: on, ...(logger ? { logger } : {}) });
    await app.ready();
    return app;
  };
  async function sibling(): Promise<TestApp> {
    const other = await reopen();
    const otherApp = await serve(other);
    const made: TestApp = {
      app: otherApp,
      database: other,
      config,
      sibling,
      async close() {
        await otherApp.close();
        await other.close();
      },
    };
    siblings.push(made);
    return made;
  }
  const app = await serve(database);
  return {
    app,
    database,
    config,
    sibling,
    async close() {
      for (const made of siblings) await made.close();
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
