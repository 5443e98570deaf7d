import { asc, count, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ticketStatuses, tickets } from '../../db/schema';

export type TicketStatusRow = typeof ticketStatuses.$inferSelect;
type TicketStatusInsert = typeof ticketStatuses.$inferInsert;

/** Arbitrary constant: the key of the transaction lock that serializes creating and renaming statuses. */
const STATUS_NAMES_LOCK_KEY = 4_127_301_978;

/** Every status, in the order lists and pickers show them. */
export async function findStatuses(db: Db): Promise<TicketStatusRow[]> {
  return db.select().from(ticketStatuses).orderBy(asc(ticketStatuses.position), asc(ticketStatuses.name));
}

/** The status spelled exactly `name` (tickets reference statuses by exact name). */
export async function findStatus(db: Db, name: string): Promise<TicketStatusRow | undefined> {
  const [row] = await db.select().from(ticketStatuses).where(eq(ticketStatuses.name, name)).limit(1);
  return row;
}

/** Locks the row until the transaction ends: a ticket cannot take this status while it is deleted. */
export async function findStatusForUpdate(db: Db, name: string): Promise<TicketStatusRow | undefined> {
  const [row] = await db
    .select()
    .from(ticketStatuses)
    .where(eq(ticketStatuses.name, name))
    .for('update')
    .limit(1);
  return row;
}

/** Names are unique regardless of case: "waiting" and "Waiting" would be the same status to a reader. */
export async function findStatusIgnoringCase(db: Db, name: string): Promise<TicketStatusRow | undefined> {
  const [row] = await db
    .select()
    .from(ticketStatuses)
    .where(sql`lower(${ticketStatuses.name}) = lower(${name})`)
    .limit(1);
  return row;
}

/**
 * Held until the transaction ends, so two admins adding "Waiting" and "waiting" at once cannot both
 * pass the case-insensitive check (the primary key only catches exact duplicates).
 */
export async function lockStatusNames(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(STATUS_NAMES_LOCK_KEY))})`);
}

export async function nextStatusPosition(db: Db): Promise<number> {
  const [row] = await db.select({ last: max(ticketStatuses.position) }).from(ticketStatuses);
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

/** Undefined when the name is taken. */
export async function insertStatus(db: Db, values: TicketStatusInsert): Promise<TicketStatusRow | undefined> {
  const [row] = await db.insert(ticketStatuses).values(values).onConflictDoNothing().returning();
  return row;
}

/** A new name reaches the tickets through the foreign key (ON UPDATE CASCADE). */
export async function updateStatus(
  db: Db,
  name: string,
  values: Partial<Omit<TicketStatusInsert, 'builtin'>>,
): Promise<TicketStatusRow | undefined> {
  const [row] = await db.update(ticketStatuses).set(values).where(eq(ticketStatuses.name, name)).returning();
  return row;
}

export async function deleteStatus(db: Db, name: string): Promise<void> {
  await db.delete(ticketStatuses).where(eq(ticketStatuses.name, name));
}

export async function countTicketsWithStatus(db: Db, name: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tickets).where(eq(tickets.status, name));
  return row?.n ?? 0;
}
