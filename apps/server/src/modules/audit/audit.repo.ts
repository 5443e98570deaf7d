import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { Actor } from '../../lib/actor';

export type AuditEntry = {
  actor: Actor | { kind: 'system' };
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
};

/** Call inside the transaction of the write it describes, so the two land or fail together. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const { actor } = entry;
  await db.insert(auditLog).values({
    actorType: actor.kind,
    actorId: actor.kind === 'system' ? null : actor.id,
    ip: actor.kind === 'system' ? null : actor.ip,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: entry.details ?? {},
  });
}
