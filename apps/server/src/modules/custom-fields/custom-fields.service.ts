import type { Db } from '../../db/client';

export function createCustomFieldsService(db: Db) {
  void db;
  return {};
}

export type CustomFieldsService = ReturnType<typeof createCustomFieldsService>;
