import type { Db } from '../../db/client';

export function createAuditService(db: Db) {
  void db;
  return {};
}

export type AuditService = ReturnType<typeof createAuditService>;
