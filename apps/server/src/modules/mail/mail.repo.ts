import { and, asc, count, desc, eq, inArray, lte, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mailEvents, mailOutbox, ticketMailIds, tickets } from '../../db/schema';
import { insertFrom, type ValuesFrom } from '../../lib/insert-from';
import { insertRecords } from '../../lib/insert-records';
import { preparedPerShape } from '../../lib/prepared';

export type QueuedMail = typeof mailOutbox.$inferInsert & { messageId: string };
export type MailRow = typeof mailOutbox.$inferSelect;

export type MailEvent = typeof mailEvents.$inferSelect;

/** An event before it knows its ticket: the write that inserts the ticket adds it (see `mailEventFrom`). */
export type TicketEvent = Omit<typeof mailEvents.$inferInsert, 'ticketId'>;

/** The event of a ticket the same statement inserts (see `insertFrom`). */
export function mailEventFrom(source: SQLWrapper, ticketId: SQL, event: ValuesFrom<typeof mailEvents>): SQL {
  return insertFrom(mailEvents, source, { ...event, ticketId });
}

/** The oldest events no other process is handling; they stay locked until the caller's transaction ends. */
export async function lockMailEvents(db: Db, limit: number): Promise<MailEvent[]> {
  return db
    .select()
    .from(mailEvents)
    .orderBy(asc(mailEvents.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function deleteMailEvents(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(mailEvents).where(inArray(mailEvents.id, ids));
}

/** Records messages to send, in the caller's transaction: they go out only if the change commits. */
export async function queueMail(db: Db, mails: QueuedMail[]): Promise<void> {
  for (const statement of insertRecords(mailOutbox, mails)) await db.execute(statement);
}

/**
 * Takes the next due message for `leaseSeconds`. Rows another process holds are skipped, so
 * several servers share the queue; a process that dies mid-send lets the lease run out, and the
 * message is tried again then.
 */
export async function claimNextMail(db: Db, leaseSeconds: number): Promise<MailRow | undefined> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(mailOutbox.nextAttemptAt))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(inArray(mailOutbox.id, due))
    .returning();
  return row;
}

/** Credentials mail loses its text once delivered: the outbox must not keep a way into an account. */
export async function markMailSent(db: Db, id: string, redact: boolean): Promise<void> {
  await db
    .update(mailOutbox)
    .set({
      status: 'sent',
      sentAt: sql`now()`,
      lastError: null,
      ...(redact ? { text: '(removed once delivered: it held a password or a reset link)', html: null } : {}),
    })
    .where(eq(mailOutbox.id, id));
}

export async function markMailFailed(db: Db, id: string, error: string, retryInSeconds: number | null) {
  await db
    .update(mailOutbox)
    .set(
      retryInSeconds === null
        ? { status: 'failed', lastError: error }
        : { lastError: error, nextAttemptAt: sql`now() + make_interval(secs => ${retryInSeconds})` },
    )
    .where(eq(mailOutbox.id, id));
}

export async function listOutbox(db: Db, page: { page: number; pageSize: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select({ mail: mailOutbox, ticketNumber: tickets.number })
      .from(mailOutbox)
      .leftJoin(tickets, eq(tickets.id, mailOutbox.ticketId))
      .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ value: count() }).from(mailOutbox),
  ]);
  return { rows, total: total?.value ?? 0 };
}

/**
 * A Message-ID of a ticket that the same statement writes elsewhere (see `insertFrom`): the received
 * message's own id joins its ticket's thread.
 */
export function mailIdFrom(source: SQLWrapper, values: { messageId: SQL; ticketId: SQL }): SQL {
  return sql`${insertFrom(ticketMailIds, source, { ...values, createdAt: sql`clock_timestamp()` })} on conflict do nothing`;
}

/** Message-IDs of several tickets at once, each ticket's in the order given. */
export async function recordMailIds(db: Db, ids: { messageId: string; ticketId: string }[]): Promise<void> {
  if (ids.length === 0) return;
  // The clock, not the transaction's start: ids written together keep their order (the first is the thread's start).
  const computed = { createdAt: sql`clock_timestamp()` };
  for (const statement of insertRecords(ticketMailIds, ids, { computed, onConflictDoNothing: true })) {
    await db.execute(statement);
  }
}

/** Read for every received reply: prepared (lib/prepared.ts), one array parameter whatever its length. */
const ticketIdsByMailIds = preparedPerShape('ticket_ids_by_mail_ids', (db: Db, _shape: object, name) =>
  db
    .select({ messageId: ticketMailIds.messageId, ticketId: ticketMailIds.ticketId })
    .from(ticketMailIds)
    .where(sql`${ticketMailIds.messageId} = any(${sql.placeholder('messageIds')}::text[])`)
    .prepare(name),
);

/** The tickets the given Message-IDs belong to, in the order of the ids. */
export async function findTicketIdsByMailIds(db: Db, messageIds: string[]): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const rows = await ticketIdsByMailIds(db, {}).execute({ messageIds });
  const byId = new Map(rows.map((row) => [row.messageId, row.ticketId]));
  return messageIds.flatMap((id) => byId.get(id) ?? []);
}

/** The first message of a ticket's thread (the mail that opened it, or our first notification). */
/** The first Message-ID of each given ticket that has one: what its mail answers. */
export async function findThreadStarts(db: Db, ticketIds: string[]): Promise<Map<string, string>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([ticketMailIds.ticketId], {
      ticketId: ticketMailIds.ticketId,
      messageId: ticketMailIds.messageId,
    })
    .from(ticketMailIds)
    .where(inArray(ticketMailIds.ticketId, ticketIds))
    .orderBy(ticketMailIds.ticketId, asc(ticketMailIds.createdAt));
  return new Map(rows.map((row) => [row.ticketId, row.messageId]));
}
