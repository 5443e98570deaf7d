import type { Db } from '../../db/client';

export function createStatusesService(db: Db) {
  void db;
  return {};
}

export type StatusesService = ReturnType<typeof createStatusesService>;
