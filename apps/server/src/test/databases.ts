import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * How the tests find a PostgreSQL server: TEST_DATABASE_URL, else the local default below. Each test
 * file gets a database of its own, copied from a migrated template, and drops it when done.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.href;
}

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The tests need a PostgreSQL server and could not reach ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} ` +
        `(${(error as Error).message}). Start one, or set TEST_DATABASE_URL (see README, "Tests").`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string, template?: string): Promise<void> {
  await withAdminClient((client) =>
    client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`),
  );
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`));
}
