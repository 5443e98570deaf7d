import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts } from '../../db/schema';

export type ContactRow = typeof contacts.$inferSelect;

export async function insertContact(db: Db, values: typeof contacts.$inferInsert): Promise<ContactRow> {
  const [row] = await db.insert(contacts).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findContactByUsername(db: Db, username: string): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(eq(contacts.username, username.toLowerCase()))
    .limit(1);
  return row;
}

export async function findContactById(db: Db, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id)).limit(1);
  return row;
}

export async function updateContact(
  db: Db,
  id: string,
  values: Partial<typeof contacts.$inferInsert>,
): Promise<ContactRow | undefined> {
  const [row] = await db
    .update(contacts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(contacts.id, id))
    .returning();
  return row;
}
