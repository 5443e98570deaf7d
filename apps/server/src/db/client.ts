import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { SERVER_ROOT } from '../lib/server-root';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database handle or an open transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Database = {
  kind: 'embedded' | 'postgres';
  db: Db;
  /** Runs `fn` while holding the cluster-wide migration lock, then applies pending migrations first. */
  migrate(afterMigrations?: (db: Db) => Promise<void>): Promise<void>;
  /**
   * Calls `onMessage` with the payload of every `pg_notify(channel, …)` committed by any process on
   * this database (this one included) from now on; the returned function stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const migrationsFolder = path.join(SERVER_ROOT, 'src/db/migrations');
/** Arbitrary constant shared by every Atrium process: the key of the migration advisory lock. */
const MIGRATION_LOCK_KEY = 4_127_301_977;

export type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize: number }
  /** `dataDir` undefined: in memory. `loadDataDir`: start from a dump (tests use a migrated template). */
  | { kind: 'embedded'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.kind === 'postgres' ? openPostgres(options.url, options.poolSize) : openEmbedded(options);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema });
  return {
    kind: 'postgres',
    db,
    async migrate(afterMigrations) {
      // Session-level advisory lock on a dedicated connection: a second process starting at the same
      // moment waits here, then finds the migrations applied.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migratePg(db, { migrationsFolder });
          await afterMigrations?.(db);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    listen: (channel, onMessage) => listenPostgres(url, channel, onMessage),
    close: () => pool.end(),
  };
}

const RELISTEN_DELAY_MS = 1_000;

/**
 * LISTEN needs a connection of its own, outside the pool, for as long as it listens. A lost
 * connection is replaced; notifications sent while it was down are lost, so callers also catch up
 * by reading the table they are told about (the agent hub does on every hello and sweep).
 */
async function listenPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    next.on('error', () => {
      if (client !== next || stopped) return;
      client = undefined;
      void next.end().catch(() => {});
      retry = setTimeout(() => void connect().catch(() => {}), RELISTEN_DELAY_MS);
    });
    await next.connect();
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end();
  };
}

/**
 * PostgreSQL's memory settings inside the embedded database. Its WebAssembly memory only ever
 * grows, so every buffer PostgreSQL fills once stays resident for the life of the process: the
 * server defaults (128 MB of shared buffers, 64 MB for index builds and vacuum) cost their full size
 * after the first busy minute. The data files are read through the operating system, whose page
 * cache keeps what the smaller buffers cannot, outside the process.
 */
const EMBEDDED_SETTINGS = {
  shared_buffers: '32MB',
  maintenance_work_mem: '16MB',
};

async function openEmbedded(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  // Loaded only here: a server on PostgreSQL never holds the embedded database's code in memory.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    startParams: [
      ...PGlite.defaultStartParams,
      ...Object.entries(EMBEDDED_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
  });
  const db = drizzlePglite({ client, schema });
  return {
    kind: 'embedded',
    db,
    async migrate(afterMigrations) {
      // One process owns the data directory (see data-dir-lock.ts), so no advisory lock is needed.
      await migratePglite(db, { migrationsFolder });
      await afterMigrations?.(db);
    },
    // The embedded database is this process's alone: its own LISTEN hears every notification.
    listen: async (channel, onMessage) => client.listen(channel, onMessage),
    close: () => client.close(),
  };
}

/** Copies the embedded database, e.g. to give every test file a migrated database of its own. */
export async function dumpEmbedded(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}
