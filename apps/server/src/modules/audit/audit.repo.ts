import { and, count, desc, eq, getTableColumns, gte, lt, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog, contacts, technicians } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { insertFrom, type ValuesFrom } from '../../lib/insert-from';

export type AuditEntry = {
  /** An agent acts as its device (`id` is the device's). */
  actor: Actor | { kind: 'system' } | { kind: 'agent'; id: string };
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
};

/** Who acted, as the audit log's columns record it. */
export function auditActor(actor: AuditEntry['actor']) {
  return {
    actorType: actor.kind,
    actorId: actor.kind === 'system' ? null : actor.id,
    // Mail has no client address: a contact writing by mail is recorded without one; nor do agents.
    ip: actor.kind === 'system' || actor.kind === 'agent' || !actor.ip ? null : actor.ip,
  };
}

/** An entry as the audit log's columns record it (for `auditFrom`). */
export function auditValues(entry: AuditEntry) {
  return {
    ...auditActor(entry.actor),
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: entry.details ?? {},
  };
}

/** Call inside the transaction of the write it describes, so the two land or fail together. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditValues(entry));
}

/**
 * The audit row of a row the same statement inserts (see `insertFrom`): its target id and details
 * may read that row, and any value may be a placeholder of a prepared statement.
 */
export function auditFrom(source: SQLWrapper, values: ValuesFrom<typeof auditLog>): SQL {
  return insertFrom(auditLog, source, values);
}

export type AuditLogRow = typeof auditLog.$inferSelect;
/** A row with the name of the technician or contact who acted, when they still exist. */
export type AuditLogRowWithActor = AuditLogRow & { actorName: string | null };

export type AuditFilter = {
  actorType?: AuditLogRow['actorType'];
  actorId?: string;
  /** Exact, or a prefix when it ends with a dot (`ticket.` finds `ticket.created`). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
};

function auditConditions(filter: AuditFilter): SQL | undefined {
  const { action } = filter;
  return and(
    filter.actorType ? eq(auditLog.actorType, filter.actorType) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    action
      ? action.endsWith('.')
        ? sql`starts_with(${auditLog.action}, ${action})`
        : eq(auditLog.action, action)
      : undefined,
    filter.targetType ? eq(auditLog.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lt(auditLog.at, filter.to) : undefined,
  );
}

/** The joins below match only the actor's own kind, so at most one of the two names is there. */
const contactName = sql`${contacts.firstName} || ' ' || ${contacts.lastName}`;
const actorName = sql<string | null>`coalesce(${technicians.name}, ${contactName})`;

/** Newest first, one page, with the total matching the filter. */
export async function findAuditEntries(
  db: Db,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditLogRowWithActor[]; total: number }> {
  const where = auditConditions(filter);
  const rows = await db
    .select({ ...getTableColumns(auditLog), actorName })
    .from(auditLog)
    .leftJoin(technicians, and(eq(auditLog.actorType, 'technician'), eq(technicians.id, auditLog.actorId)))
    .leftJoin(contacts, and(eq(auditLog.actorType, 'contact'), eq(contacts.id, auditLog.actorId)))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
  const [counted] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: counted?.n ?? 0 };
}
