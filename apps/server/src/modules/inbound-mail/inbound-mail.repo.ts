import { count, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inboundMail, tickets } from '../../db/schema';
import { preparedPerShape } from '../../lib/prepared';
import { mailIdFrom } from '../mail/mail.repo';

export type InboundMailInsert = typeof inboundMail.$inferInsert;

const p = sql.placeholder;
/** A received message's columns as the statement's parameters; the id and the time are the database's. */
const RECEIVED = {
  source: p('source'),
  messageId: p('messageId'),
  mailFrom: p('mailFrom'),
  subject: p('subject'),
  raw: p('raw'),
  size: p('size'),
  status: p('status'),
  reason: p('reason'),
  ticketId: p('ticketId'),
  commentId: p('commentId'),
  contactId: p('contactId'),
};
const RECEIVED_COLUMNS = Object.keys(RECEIVED) as (keyof typeof RECEIVED)[];

/** Run for every received message: prepared (lib/prepared.ts), with or without joining a thread. */
const receivedInsert = preparedPerShape(
  'inbound_mail_insert',
  (db: Db, { thread }: { thread: boolean }, name) => {
    const insert = db
      .insert(inboundMail)
      .values(RECEIVED)
      .onConflictDoNothing({ target: inboundMail.messageId });
    if (!thread) return insert.returning({ id: inboundMail.id }).prepare(name);
    const received = db
      .$with('received', { id: inboundMail.id })
      .as(
        insert
          .returning({ id: inboundMail.id, messageId: inboundMail.messageId, ticketId: inboundMail.ticketId })
          .getSQL(),
      );
    const joined = db
      .$with('thread', {})
      .as(
        mailIdFrom(sql`received`, { messageId: sql`received.message_id`, ticketId: sql`received.ticket_id` }),
      );
    return db.with(received, joined).select().from(received).prepare(name);
  },
);

/**
 * Records a received message. Undefined when its Message-ID is already there: the same message
 * delivered twice, or a mailbox polled again. A concurrent insert of the same id waits here for the
 * first transaction, then finds it. A message that became part of a ticket joins its thread in the
 * same statement: the next reply that quotes only this one still finds the ticket, and the mail that
 * opened a ticket starts its thread (every notification, sent after this commits, answers it).
 */
export async function insertInboundMail(
  db: Db,
  values: InboundMailInsert,
): Promise<{ id: string } | undefined> {
  const given = Object.fromEntries(RECEIVED_COLUMNS.map((key) => [key, values[key] ?? null]));
  const [row] = await receivedInsert(db, { thread: Boolean(values.ticketId) }).execute(given);
  return row;
}

export async function findInboundMailByMessageId(db: Db, messageId: string) {
  const [row] = await db
    .select({ id: inboundMail.id, status: inboundMail.status, reason: inboundMail.reason })
    .from(inboundMail)
    .where(eq(inboundMail.messageId, messageId))
    .limit(1);
  return row;
}

/** Everything but the raw bytes, with the ticket's number: the console's list. */
const { raw: _raw, ...listColumns } = getTableColumns(inboundMail);
export type InboundMailListRow = Omit<typeof inboundMail.$inferSelect, 'raw'> & {
  ticketNumber: number | null;
};

export async function listInboundMail(
  db: Db,
  query: { status?: (typeof inboundMail.$inferSelect)['status']; page: number; pageSize: number },
): Promise<{ items: InboundMailListRow[]; total: number }> {
  const where = query.status ? eq(inboundMail.status, query.status) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...listColumns, ticketNumber: tickets.number })
      .from(inboundMail)
      .leftJoin(tickets, eq(tickets.id, inboundMail.ticketId))
      .where(where)
      .orderBy(desc(inboundMail.receivedAt), desc(inboundMail.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(inboundMail).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

export async function findInboundMailRaw(db: Db, id: string) {
  const [row] = await db
    .select({ raw: inboundMail.raw, receivedAt: inboundMail.receivedAt })
    .from(inboundMail)
    .where(eq(inboundMail.id, id))
    .limit(1);
  return row;
}
