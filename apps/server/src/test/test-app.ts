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
  close(): Promise<void>;
};

/** A fresh, migrated database of the kind this test project runs on (see global-setup.ts). */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const target = inject('testDatabase');
  if (target.kind === 'embedded') {
    const loadDataDir = new Blob([fs.readFileSync(target.templateFile)]);
    return { database: await openDatabase({ kind: 'embedded', loadDataDir }), drop: async () => {} };
  }
  const name = uniqueName('atrium_test');
  await createDatabase(name, target.template);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(name), poolSize: 5 });
  return { database, drop: () => dropDatabase(name) };
}

export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-data-'));
  return loadConfig({ PUBLIC_URL: TEST_ORIGIN, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
}

/** The whole server on its own database, driven through HTTP with `app.inject`. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(env);
  const { database, drop } = await openTestDatabase();
  await bootstrap(database.db, {
    ...config,
    admin: { email: 'first-admin@example.com', password: 'first-admin-password' },
  });
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
