import { ACTIONS_IN_FLIGHT, type ActionState } from '@atrium/shared';
import { and, asc, count, desc, eq, gt, inArray, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  assistantActions,
  assistantMessages,
  assistantSessions,
  contacts,
  deviceActions,
  devices,
  tickets,
} from '../../db/schema';

export type SessionRow = typeof assistantSessions.$inferSelect;
export type MessageRow = typeof assistantMessages.$inferSelect;
export type NewMessage = Omit<
  typeof assistantMessages.$inferInsert,
  'sessionId' | 'id' | 'seq' | 'createdAt'
>;

export async function insertSession(db: Db, contactId: string): Promise<SessionRow> {
  const [row] = await db.insert(assistantSessions).values({ contactId }).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The contact's own session, with its ticket's number; another's is not found. */
export async function findContactSession(db: Db, contactId: string, id: string) {
  const [row] = await db
    .select({ session: assistantSessions, ticketNumber: tickets.number })
    .from(assistantSessions)
    .leftJoin(tickets, eq(tickets.id, assistantSessions.ticketId))
    .where(and(eq(assistantSessions.id, id), eq(assistantSessions.contactId, contactId)))
    .limit(1);
  return row;
}

/** Locks the session for one turn: two messages sent at once are answered one after the other. */
export async function lockSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(assistantSessions).where(eq(assistantSessions.id, id)).for('update');
  return row;
}

export async function linkTicket(db: Db, sessionId: string, ticketId: string): Promise<void> {
  await db
    .update(assistantSessions)
    .set({ ticketId, updatedAt: sql`now()` })
    .where(eq(assistantSessions.id, sessionId));
}

export async function insertMessages(
  db: Db,
  sessionId: string,
  messages: NewMessage[],
): Promise<MessageRow[]> {
  if (messages.length === 0) return [];
  const rows = await db
    .insert(assistantMessages)
    .values(messages.map((message) => ({ ...message, sessionId })))
    .returning();
  await db
    .update(assistantSessions)
    .set({ updatedAt: sql`now()` })
    .where(eq(assistantSessions.id, sessionId));
  return rows.sort((a, b) => a.seq - b.seq);
}

export async function listMessages(db: Db, sessionId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(assistantMessages)
    .where(eq(assistantMessages.sessionId, sessionId))
    .orderBy(asc(assistantMessages.seq));
}

/** How many messages the contact wrote to the assistant in the last `seconds`, all sessions. */
export async function countRecentUserMessages(db: Db, contactId: string, seconds: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(assistantMessages)
    .innerJoin(assistantSessions, eq(assistantSessions.id, assistantMessages.sessionId))
    .where(
      and(
        eq(assistantSessions.contactId, contactId),
        eq(assistantMessages.role, 'user'),
        gt(assistantMessages.createdAt, sql`now() - make_interval(secs => ${seconds})`),
      ),
    );
  return row?.n ?? 0;
}

/** Sessions with their contact's name and ticket number, newest first: what technicians review. */
export async function listSessionViews(
  db: Db,
  filter: { id?: string; contactId?: string; ticketId?: string },
  page: { page: number; pageSize: number },
) {
  const where = and(
    ...([
      filter.id ? eq(assistantSessions.id, filter.id) : undefined,
      filter.contactId ? eq(assistantSessions.contactId, filter.contactId) : undefined,
      filter.ticketId ? eq(assistantSessions.ticketId, filter.ticketId) : undefined,
    ].filter(Boolean) as SQL[]),
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        session: assistantSessions,
        contactName: sql<string>`${contacts.firstName} || ' ' || ${contacts.lastName}`,
        ticketNumber: tickets.number,
      })
      .from(assistantSessions)
      .innerJoin(contacts, eq(contacts.id, assistantSessions.contactId))
      .leftJoin(tickets, eq(tickets.id, assistantSessions.ticketId))
      .where(where)
      .orderBy(desc(assistantSessions.createdAt), desc(assistantSessions.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(assistantSessions).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export type SessionView = Awaited<ReturnType<typeof listSessionViews>>['items'][number];

export async function insertAssistantAction(db: Db, actionId: string, messageId: string): Promise<void> {
  await db.insert(assistantActions).values({ actionId, messageId });
}

/** The latest action run from each of these proposals, and where it stands. */
export async function actionsOfProposals(
  db: Db,
  messageIds: string[],
): Promise<Map<string, { id: string; state: ActionState }>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .select({ messageId: assistantActions.messageId, id: deviceActions.id, state: deviceActions.state })
    .from(assistantActions)
    .innerJoin(deviceActions, eq(deviceActions.id, assistantActions.actionId))
    .where(inArray(assistantActions.messageId, messageIds))
    .orderBy(asc(assistantActions.createdAt));
  // Oldest first: the latest of a proposal's actions is the one left in the map.
  return new Map(rows.map((row) => [row.messageId, { id: row.id, state: row.state }]));
}

/**
 * Up to `limit` actions run from proposals that have ended and whose session has a ticket, not yet
 * written on it; locked, so another process skips them (it will not write them twice).
 */
export async function claimEndedActions(db: Db, limit: number) {
  return db
    .select({
      actionId: assistantActions.actionId,
      type: deviceActions.type,
      state: deviceActions.state,
      error: deviceActions.error,
      hostname: devices.hostname,
      ticketId: tickets.id,
      ticketNumber: tickets.number,
      contactId: assistantSessions.contactId,
    })
    .from(assistantActions)
    .innerJoin(deviceActions, eq(deviceActions.id, assistantActions.actionId))
    .innerJoin(devices, eq(devices.id, deviceActions.deviceId))
    .innerJoin(assistantMessages, eq(assistantMessages.id, assistantActions.messageId))
    .innerJoin(assistantSessions, eq(assistantSessions.id, assistantMessages.sessionId))
    .innerJoin(tickets, eq(tickets.id, assistantSessions.ticketId))
    .where(and(isNull(assistantActions.recordedAt), notInArray(deviceActions.state, [...ACTIONS_IN_FLIGHT])))
    .orderBy(asc(assistantActions.createdAt))
    .limit(limit)
    .for('update', { of: assistantActions, skipLocked: true });
}

export async function markActionRecorded(db: Db, actionId: string): Promise<void> {
  await db
    .update(assistantActions)
    .set({ recordedAt: sql`now()` })
    .where(eq(assistantActions.actionId, actionId));
}
