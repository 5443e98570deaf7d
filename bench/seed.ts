import { LANGUAGES } from '@atrium/shared';
import { type SQL, sql } from 'drizzle-orm';
import { bootstrap } from '../apps/server/src/bootstrap';
import type { Config } from '../apps/server/src/config';
import type { Database, Db } from '../apps/server/src/db/client';
import { hashPassword } from '../apps/server/src/lib/passwords';
import type { MailSender } from './mails';
import type { DataSize } from './options';
import { kbPools, POOL_SIZES, type PoolRow, ticketPools } from './text-pools';
import { CATEGORY_NAMES, TOPIC_COUNT } from './words';

/**
 * Fills a migrated database with set-based SQL: a handful of `insert … select … from
 * generate_series(…)` statements joined to small pools of generated text, never a row at a time
 * through the API (a million API calls would take longer than the bench itself).
 */

export const BENCH_PASSWORD = 'bench-password-0123456789';
/** Customer 0's first ordinary contact (slot 0 is the primary contact): the one whose list is read. */
export const BENCHED_USERNAME = 'contact-0-1';
/** A colleague who opens the tickets of the creation run, so the benched list keeps its ~100 tickets. */
export const WRITER_USERNAME = 'contact-0-2';
const CONTACTS_PER_CUSTOMER = 4;
/** Tickets per INSERT statement: progress to watch, and no single statement holds gigabytes of WAL. */
const TICKET_CHUNK = 100_000;
/** Ticket dates cover the last two years. */
const HISTORY_SECONDS = 730 * 86_400;

export type SeedResult = {
  seconds: number;
  phases: { name: string; seconds: number }[];
  /** A spread of ticket ids for the database baseline's primary-key lookups. */
  ticketIds: string[];
};

export type Log = (line: string) => void;

/** Rows of `db.execute`: node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) {
    return result.rows as T[];
  }
  throw new Error('unexpected result shape from db.execute');
}

/**
 * Deterministic ids (`0000000k-0000-4000-8000-<n in hex>`, valid UUIDv4 syntax), so tickets find
 * their customer and contact by arithmetic instead of a join, and the benched contact is known.
 */
const KIND = { customer: 1, contact: 2, kbArticle: 3, kbCategory: 4 } as const;
function benchUuid(kind: number, n: SQL): SQL {
  return sql`(${sql.raw(`'${kind.toString(16).padStart(8, '0')}-0000-4000-8000-'`)} || lpad(to_hex((${n})::bigint), 12, '0'))::uuid`;
}

/** Migrations, then what a first start creates (statuses, portal settings, the first admin). */
export async function prepareSchema(database: Database, config: Config): Promise<void> {
  await database.migrate(async (db) => {
    await bootstrap(db, config);
  });
}

export async function seed(database: Database, size: DataSize, log: Log): Promise<SeedResult> {
  const db = database.db;
  const phases: SeedResult['phases'] = [];
  const started = performance.now();
  const phase = async (name: string, fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    const seconds = (performance.now() - t0) / 1000;
    phases.push({ name, seconds });
    log(`  seed: ${name} ${seconds.toFixed(1)} s`);
  };

  await phase('text pools', () => createTextPools(db));
  await phase(`${size.customers.toLocaleString('en')} customers, contacts`, () =>
    insertCustomersAndContacts(db, size),
  );
  const ticketIndexes = await dropSecondaryIndexes(db, 'tickets');
  const kbIndexes = await dropSecondaryIndexes(db, 'kb_articles');
  await phase(`${size.tickets.toLocaleString('en')} tickets`, () => insertTickets(db, size, log));
  await phase(`${size.kbArticles.toLocaleString('en')} KB articles`, () => insertKbArticles(db, size));
  await phase('indexes', () => recreateIndexes(database, [...ticketIndexes, ...kbIndexes]));
  await db.execute(sql`drop table bench_text`);
  await phase('vacuum analyze, checkpoint', () => vacuumAndCheckpoint(db, { analyze: true }));
  const ticketIds = await sampleTicketIds(db, size.tickets);
  return { seconds: (performance.now() - started) / 1000, phases, ticketIds };
}

async function createTextPools(db: Db): Promise<void> {
  await db.execute(sql`create table bench_text (
    kind text not null, lang text not null, topic int not null, i int not null, t text not null,
    primary key (kind, lang, topic, i))`);
  for (const rows of [ticketPools(), kbPools()]) await insertPool(db, rows);
  // Without statistics the planner takes the fresh table for one row and joins it by nested loop:
  // 20,000 paragraphs scanned per ticket.
  await db.execute(sql`analyze bench_text`);
}

/** One parameter holding the whole pool as JSON: no limit on bind parameters, same SQL on both databases. */
async function insertPool(db: Db, rows: PoolRow[]): Promise<void> {
  await db.execute(sql`insert into bench_text (kind, lang, topic, i, t)
    select kind, lang, topic, i, t
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(kind text, lang text, topic int, i int, t text)`);
}

async function insertCustomersAndContacts(db: Db, size: DataSize): Promise<void> {
  // One scrypt hash for everyone: hashing 40,000 passwords would take minutes and prove nothing.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await db.execute(sql`insert into customers (id, name, phone, created_at, updated_at)
    select ${benchUuid(KIND.customer, sql`n`)}, 'Customer ' || lpad(n::text, 5, '0') || ' Ltd',
      '+1 555 ' || lpad(n::text, 7, '0'), now() - interval '3 years', now() - interval '3 years'
    from generate_series(0, ${size.customers - 1}::int) n`);
  const languages = sql.raw(`array[${LANGUAGES.map((l) => `'${l}'`).join(',')}]`);
  await db.execute(sql`insert into contacts
      (id, customer_id, first_name, last_name, email, is_primary, language, username, password_hash)
    select ${benchUuid(KIND.contact, sql`n * ${CONTACTS_PER_CUSTOMER} + s`)}, ${benchUuid(KIND.customer, sql`n`)},
      (array['Anna','Ben','Chloé','David','Elena','Felix','Giulia','Hugo','Ines','Jonas'])[1 + (n + s) % 10],
      (array['Martin','Müller','Rossi','García','Dubois','Smith','Bianchi','Schmidt','López','Moreau'])[1 + (n * 3 + s) % 10],
      'contact-' || n || '-' || s || '@customer-' || n || '.example.com',
      s = 0,
      case when n = 0 then 'en' else (${languages})[1 + (n + s) % 5] end,
      'contact-' || n || '-' || s,
      ${passwordHash}
    from generate_series(0, ${size.customers - 1}::int) n, generate_series(0, ${CONTACTS_PER_CUSTOMER - 1}::int) s`);
}

/**
 * Secondary indexes are dropped before the bulk load and rebuilt after it from their own stored
 * definitions (`pg_get_indexdef`): one sorted build instead of a million GIN and B-tree insertions.
 * The primary key stays, and the rebuilt indexes are exactly the migration's.
 */
async function dropSecondaryIndexes(db: Db, table: string): Promise<string[]> {
  const rows = rowsOf<{ name: string; definition: string }>(
    await db.execute(sql`select indexname as name, indexdef as definition from pg_indexes
      where schemaname = 'public' and tablename = ${table}
        and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)`),
  );
  for (const row of rows) await db.execute(sql`drop index ${sql.identifier(row.name)}`);
  return rows.map((row) => row.definition);
}

async function recreateIndexes(database: Database, definitions: string[]): Promise<void> {
  await database.db.transaction(async (tx) => {
    // More sort memory for the builds on the server; the embedded database keeps its WASM-sized default.
    if (database.kind === 'postgres') await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
    for (const definition of definitions) await tx.execute(sql.raw(definition));
  });
}

/**
 * Ticket n (1…N, numbered in date order): every (N / 4B)-th ticket belongs to customer 0 — four
 * contacts with B tickets each, spread over the two years — and the rest go round the other
 * customers, a quarter to each of their contacts. Statuses: 10 % Open, 8 % Pending, 22 % Resolved,
 * 60 % Closed; 60 % assigned to the admin.
 */
async function insertTickets(db: Db, size: DataSize, log: Log): Promise<void> {
  const [admin] = rowsOf<{ id: string }>(await db.execute(sql`select id from technicians limit 1`));
  if (!admin) throw new Error('bootstrap created no technician');
  const stride = Math.max(1, Math.floor(size.tickets / (CONTACTS_PER_CUSTOMER * size.benchedContactTickets)));
  const others = size.customers - 1;
  const titles = POOL_SIZES.ticket_title;
  const paragraphs = POOL_SIZES.ticket_para;
  for (let lo = 1; lo <= size.tickets; lo += TICKET_CHUNK) {
    const hi = Math.min(size.tickets, lo + TICKET_CHUNK - 1);
    await db.execute(sql`insert into tickets (title, description, status, priority, type, impact,
        customer_id, contact_id, technician_id, source, created_at, updated_at)
      select tt.t, p1.t || ' ' || p2.t,
        case when g.h2 % 100 < 10 then 'Open' when g.h2 % 100 < 18 then 'Pending'
             when g.h2 % 100 < 40 then 'Resolved' else 'Closed' end,
        (array['Low','Medium','Medium','High','Critical'])[1 + (g.h2 / 100) % 5],
        (array['Problem','Incident','Request','Question','Change','Other'])[1 + (g.h2 / 1000) % 6],
        (array['None','None','None','Minor','Major','Site down','Crisis'])[1 + (g.h2 / 10000) % 7],
        ${benchUuid(KIND.customer, sql`g.customer`)},
        ${benchUuid(KIND.contact, sql`g.customer * ${CONTACTS_PER_CUSTOMER} + g.slot`)},
        case when g.h % 10 < 6 then ${admin.id}::uuid end,
        (array['portal','email','console','api'])[1 + (g.h / 7) % 4],
        g.created,
        least(g.created + make_interval(secs => g.h2 % 1209600), now())
      from (
        select n,
          hashint8(n) & 2147483647 as h,
          hashint8(-n) & 2147483647 as h2,
          case when n % ${stride} = 0 then 0 else 1 + n % ${others} end as customer,
          case when n % ${stride} = 0 then (n / ${stride}) % ${CONTACTS_PER_CUSTOMER}
               else (n / ${others}) % ${CONTACTS_PER_CUSTOMER} end as slot,
          now() - make_interval(secs => (${size.tickets}::float8 - n) / ${size.tickets}::float8 * ${HISTORY_SECONDS}::float8) as created
        from generate_series(${lo}::bigint, ${hi}::bigint) n
      ) g
      join bench_text tt on tt.kind = 'ticket_title' and tt.lang = 'en'
        and tt.topic = g.h % ${TOPIC_COUNT} and tt.i = (g.h / ${TOPIC_COUNT}) % ${titles}
      join bench_text p1 on p1.kind = 'ticket_para' and p1.lang = 'en'
        and p1.topic = g.h % ${TOPIC_COUNT} and p1.i = (g.h / ${TOPIC_COUNT * titles}) % ${paragraphs}
      join bench_text p2 on p2.kind = 'ticket_para' and p2.lang = 'en'
        and p2.topic = g.h % ${TOPIC_COUNT} and p2.i = g.h2 % ${paragraphs}`);
    if (size.tickets > TICKET_CHUNK)
      log(`    tickets ${hi.toLocaleString('en')} / ${size.tickets.toLocaleString('en')}`);
  }
}

/**
 * Article n: language n mod 5, translation group n div 5 (the five translations of one article,
 * the group id being the English one's id), topic per group; 90 % shared, 95 % published.
 */
async function insertKbArticles(db: Db, size: DataSize): Promise<void> {
  const categories = CATEGORY_NAMES.map((name, k) => ({ k, name }));
  await db.execute(sql`insert into kb_categories (id, name, position)
    select ${benchUuid(KIND.kbCategory, sql`k`)}, name, k
    from json_to_recordset(${JSON.stringify(categories)}::json) as x(k int, name jsonb)`);
  const languages = sql.raw(`array[${LANGUAGES.map((l) => `'${l}'`).join(',')}]`);
  const titles = POOL_SIZES.kb_title;
  const paragraphs = POOL_SIZES.kb_para;
  const paragraph = (alias: string, index: SQL) =>
    sql`join bench_text ${sql.raw(alias)} on ${sql.raw(alias)}.kind = 'kb_para' and ${sql.raw(alias)}.lang = g.lang
      and ${sql.raw(alias)}.topic = g.topic and ${sql.raw(alias)}.i = (${index}) % ${paragraphs}`;
  await db.execute(sql`insert into kb_articles (id, title, body, language, category_id, shared, status,
      translation_group_id, helpful, unhelpful, views, created_at, updated_at, published_at)
    select ${benchUuid(KIND.kbArticle, sql`g.n`)}, t.t,
      b1.t || E'\n\n' || b2.t || E'\n\n' || b3.t || E'\n\n' || b4.t,
      g.lang, ${benchUuid(KIND.kbCategory, sql`g.topic % ${CATEGORY_NAMES.length}`)},
      g.h % 10 <> 0, case when g.h % 20 = 1 then 'draft' else 'published' end,
      ${benchUuid(KIND.kbArticle, sql`g.n - g.n % 5`)},
      g.h2 % 50, g.h2 % 7, g.h2 % 5000, g.created, least(g.created + interval '3 days', now()),
      case when g.h % 20 = 1 then null else g.created end
    from (
      select n, (${languages})[1 + n % 5] as lang, (n / 5) % ${TOPIC_COUNT} as topic,
        hashint8(n) & 2147483647 as h, hashint8(-n) & 2147483647 as h2,
        now() - make_interval(secs => (hashint8(n) & 2147483647) % ${HISTORY_SECONDS}) as created
      from generate_series(0, ${size.kbArticles - 1}::int) n
    ) g
    join bench_text t on t.kind = 'kb_title' and t.lang = g.lang and t.topic = g.topic and t.i = g.h % ${titles}
    ${paragraph('b1', sql`g.h / ${titles}`)}
    ${paragraph('b2', sql`g.h / ${titles * paragraphs}`)}
    ${paragraph('b3', sql`g.h2`)}
    ${paragraph('b4', sql`g.h2 / ${paragraphs}`)}`);
}

/**
 * VACUUM sets hint bits and the visibility map now rather than during the first measured reads,
 * ANALYZE (after the seed) gives the planner real statistics, and CHECKPOINT writes the load's
 * dirty pages out so no checkpoint of gigabytes lands in the middle of a measured run.
 */
export async function vacuumAndCheckpoint(db: Db, { analyze = false } = {}): Promise<void> {
  await db.execute(analyze ? sql`vacuum (analyze)` : sql`vacuum`);
  try {
    await db.execute(sql`checkpoint`);
  } catch {
    // Not every role may checkpoint (PostgreSQL 15 needs pg_checkpoint); the bench still runs.
  }
}

async function sampleTicketIds(db: Db, tickets: number): Promise<string[]> {
  const step = Math.max(1, Math.floor(tickets / 10_000));
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from tickets where number % ${step} = 0 limit 10000`),
  );
  return rows.map((row) => row.id);
}

export type RowCounts = Record<'tickets' | 'customers' | 'contacts' | 'kbArticles' | 'kbPortal', number>;

export async function countRows(db: Db): Promise<RowCounts & { databaseBytes: number }> {
  const [row] = rowsOf<Record<string, number | string>>(
    await db.execute(sql`select
      (select count(*) from tickets)::int as tickets,
      (select count(*) from customers)::int as customers,
      (select count(*) from contacts)::int as contacts,
      (select count(*) from kb_articles)::int as "kbArticles",
      (select count(*) from kb_articles where shared and status = 'published')::int as "kbPortal",
      pg_database_size(current_database())::float8 as "databaseBytes"`),
  );
  if (!row) throw new Error('no counts');
  const n = (key: string) => Number(row[key]);
  return {
    tickets: n('tickets'),
    customers: n('customers'),
    contacts: n('contacts'),
    kbArticles: n('kbArticles'),
    kbPortal: n('kbPortal'),
    databaseBytes: n('databaseBytes'),
  };
}

/** Contacts who write in for the email-to-ticket row: customers other than the benched one. */
const MAIL_SENDERS = 200;

/** Seeded contacts (not the benched customer's) with their three newest tickets, to answer. */
export async function findMailSenders(db: Db): Promise<MailSender[]> {
  const rows = rowsOf<{ email: string; name: string; tickets: { number: number; title: string }[] }>(
    await db.execute(sql`select c.email, c.first_name || ' ' || c.last_name as name,
        coalesce((select json_agg(json_build_object('number', t.number, 'title', t.title))
          from (select number, title from tickets where contact_id = c.id and customer_id = c.customer_id
                order by updated_at desc, id desc limit 3) t), '[]'::json) as tickets
      from contacts c
      where c.customer_id <> ${benchUuid(KIND.customer, sql`0`)}
      order by c.id
      limit ${MAIL_SENDERS}`),
  );
  return rows;
}

export type InboundCounts = Record<string, number>;

/** Received mail by what became of it (`imported`, `failed`…). */
export async function countInboundMail(db: Db): Promise<InboundCounts> {
  const rows = rowsOf<{ status: string; n: number }>(
    await db.execute(sql`select status, count(*)::int as n from inbound_mail group by status`),
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/** Mail events the dispatcher has yet to turn into mail. */
export async function countMailEvents(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from mail_events`));
  return Number(row?.n ?? 0);
}
