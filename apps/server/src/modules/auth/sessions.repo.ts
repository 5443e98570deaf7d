import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, sessions, technicians, tickets } from '../../db/schema';
import { preparedPerShape } from '../../lib/prepared';
import { cacheVersionColumn } from '../settings/settings.repo';

export type NewSession = typeof sessions.$inferInsert;

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db.insert(sessions).values(session);
}

export async function findTechnicianBySession(db: Db, sessionId: string) {
  const [row] = await db
    .select({ technician: technicians })
    .from(sessions)
    .innerJoin(technicians, eq(technicians.id, sessions.technicianId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()), isNull(technicians.deletedAt)))
    .limit(1);
  return row?.technician;
}

/**
 * What every portal request needs of its contact (no more: this runs on each one), and the cache
 * version, read in the same statement (see lib/versioned-cache.ts). The requests of a moment are
 * looked up together (the auth service batches them). Prepared (lib/prepared.ts).
 */
const contactsBySessions = preparedPerShape('contacts_by_sessions', (db: Db, _shape: object, name) =>
  db
    .select({
      sessionId: sessions.id,
      contact: {
        id: contacts.id,
        customerId: contacts.customerId,
        isPrimary: contacts.isPrimary,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
        mustChangePassword: contacts.mustChangePassword,
      },
      cacheVersion: cacheVersionColumn,
      // One entry of the portal list index (customer, updated_at desc, …).
      ticketsChangedAt: sql<
        string | null
      >`(select max(${tickets.updatedAt})::text from ${tickets} where ${tickets.customerId} = ${contacts.customerId})`,
    })
    .from(sessions)
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .where(
      and(
        sql`${sessions.id} = any(${sql.placeholder('sessionIds')}::text[])`,
        gt(sessions.expiresAt, sql`now()`),
      ),
    )
    .prepare(name),
);

export type SessionContact = Omit<
  Awaited<ReturnType<ReturnType<typeof contactsBySessions>['execute']>>[number],
  'sessionId'
>;

/** The contact of each session, in the order asked (null for an unknown or expired one). */
export async function findContactsBySessions(
  db: Db,
  sessionIds: string[],
): Promise<(SessionContact | null)[]> {
  const rows = await contactsBySessions(db, {}).execute({ sessionIds });
  const bySession = new Map(rows.map(({ sessionId, ...found }) => [sessionId, found]));
  return sessionIds.map((id) => bySession.get(id) ?? null);
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Every session of the technician, but the one kept (theirs, when they change their own password). */
export async function deleteSessionsOfTechnician(
  db: Db,
  technicianId: string,
  keepSessionId?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.technicianId, technicianId),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    );
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

/** Every session of the contact, but the one kept (theirs, when they change their own password). */
export async function deleteSessionsOfContact(
  db: Db,
  contactId: string,
  keepSessionId?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      and(eq(sessions.contactId, contactId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined),
    );
}
