import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../apps/server/src/db/client';
import * as schema from '../apps/server/src/db/schema';
import { searchKbArticles } from '../apps/server/src/modules/kb/kb.repo';
import { listTicketSummariesInScope } from '../apps/server/src/modules/tickets/tickets.repo';
import { print } from './report';

/**
 * `npx tsx bench/explain.ts <database url>`: EXPLAIN ANALYZE of the statements the portal ticket
 * list and the portal KB search send, on a database left by `npm run bench -- --only=postgres
 * --keep`. The statements are captured from the app's own repository functions (through Drizzle's
 * logger), so the plans are of the exact SQL the app runs, not a hand-copied approximation.
 */

type Captured = { query: string; params: unknown[] };

const BENCHED_CUSTOMER = '00000001-0000-4000-8000-000000000000';
const BENCHED_CONTACT = '00000002-0000-4000-8000-000000000001';
const ALL_STATUSES = ['Open', 'Pending', 'Resolved', 'Closed'];

async function capture(pool: pg.Pool, fn: (db: Db) => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const logger = { logQuery: (query: string, params: unknown[]) => captured.push({ query, params }) };
  await fn(drizzle({ client: pool, schema, logger }) as unknown as Db);
  return captured;
}

async function explain(pool: pg.Pool, title: string, statements: Captured[]): Promise<void> {
  for (const { query, params } of statements) {
    print();
    print(`### ${title}`);
    print(query);
    print(`-- params: ${JSON.stringify(params)}`);
    // Twice: the first run warms the cache, the second is the steady state the load sees.
    await pool.query(`explain (analyze, buffers) ${query}`, params);
    const result = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query}`, params);
    for (const row of result.rows) print(row['QUERY PLAN']);
  }
}

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: npx tsx bench/explain.ts postgres://…/atrium_bench_…');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const scope = { customerId: BENCHED_CUSTOMER, contactId: BENCHED_CONTACT, visibleStatuses: ALL_STATUSES };
    await explain(
      pool,
      'portal ticket list, ordinary contact, page 3 (rows, then total)',
      await capture(pool, (db) => listTicketSummariesInScope(db, scope, {}, { page: 3, pageSize: 20 })),
    );
    // The primary contact's company view: four times the rows, to show how the cost grows with them.
    const company = { customerId: BENCHED_CUSTOMER, visibleStatuses: ALL_STATUSES };
    await explain(
      pool,
      'portal ticket list, primary contact, scope=company, page 1 (rows, then total)',
      await capture(pool, (db) => listTicketSummariesInScope(db, company, {}, { page: 1, pageSize: 20 })),
    );
    for (const q of ['printer', 'mot de passe']) {
      await explain(
        pool,
        `portal KB search "${q}" (total, then page)`,
        await capture(pool, (db) => searchKbArticles(db, { q, limit: 20, offset: 0 }, 'portal')),
      );
    }
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
