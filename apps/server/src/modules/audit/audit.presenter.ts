import type { AuditEntry } from '@atrium/shared';
import type { AuditLogRowWithActor } from './audit.repo';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function presentAuditEntry(row: AuditLogRowWithActor): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    action: row.action,
    target:
      row.targetType !== null && row.targetId !== null ? { type: row.targetType, id: row.targetId } : null,
    ip: row.ip,
    details: isRecord(row.details) ? row.details : {},
  };
}
