import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { customFields, tickets } from '../../db/schema';

export type CustomFieldRow = typeof customFields.$inferSelect;
type CustomFieldInsert = typeof customFields.$inferInsert;

/** Every definition, in the order forms show them: by position, then key. */
export async function findCustomFieldDefinitions(db: Db): Promise<CustomFieldRow[]> {
  return db.select().from(customFields).orderBy(asc(customFields.position), asc(customFields.key));
}

export async function findCustomFieldById(db: Db, id: string): Promise<CustomFieldRow | undefined> {
  const [row] = await db.select().from(customFields).where(eq(customFields.id, id)).limit(1);
  return row;
}

/** Undefined when the key is taken (also by a concurrent insert: the unique index decides). */
export async function insertCustomField(
  db: Db,
  values: CustomFieldInsert,
): Promise<CustomFieldRow | undefined> {
  const [row] = await db
    .insert(customFields)
    .values(values)
    .onConflictDoNothing({ target: customFields.key })
    .returning();
  return row;
}

export async function updateCustomField(
  db: Db,
  id: string,
  values: Partial<Omit<CustomFieldInsert, 'id' | 'key' | 'type'>>,
): Promise<CustomFieldRow | undefined> {
  const [row] = await db.update(customFields).set(values).where(eq(customFields.id, id)).returning();
  return row;
}

export async function deleteCustomField(db: Db, id: string): Promise<CustomFieldRow | undefined> {
  const [row] = await db.delete(customFields).where(eq(customFields.id, id)).returning();
  return row;
}

/**
 * Drops `key` from every ticket's values; returns how many tickets held one. The tickets' `updated_at`
 * stays: removing a field definition is not an edit of the ticket.
 */
export async function removeCustomFieldValues(db: Db, key: string): Promise<number> {
  const rows = await db
    .update(tickets)
    .set({ customFields: sql`${tickets.customFields} - ${key}::text` })
    .where(sql`${tickets.customFields} ? ${key}::text`)
    .returning({ id: tickets.id });
  return rows.length;
}
