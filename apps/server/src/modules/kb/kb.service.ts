import type { Db } from '../../db/client';

export function createKbService(db: Db) {
  void db;
  return {};
}

export type KbService = ReturnType<typeof createKbService>;
