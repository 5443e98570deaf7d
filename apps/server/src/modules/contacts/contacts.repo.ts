import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, customers } from '../../db/schema';
import { preparedPerShape } from '../../lib/prepared';
import { containsPattern } from '../../lib/sql-text';
import { cacheVersionColumn } from '../settings/settings.repo';

export type ContactRow = typeof contacts.$inferSelect;
export type ContactWithCustomer = ContactRow & { customerName: string | null };

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

export async function findContactByEmail(db: Db, email: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.email, email.toLowerCase())).limit(1);
  return row;
}

/** Read for every received message: prepared (lib/prepared.ts). */
const contactByEmailWithCacheVersion = preparedPerShape(
  'contact_by_email_with_cache_version',
  (db: Db, _shape: object, name) =>
    db
      .select({ contact: contacts, cacheVersion: cacheVersionColumn })
      .from(sql`(select 1) as one`)
      .leftJoin(contacts, eq(contacts.email, sql.placeholder('email')))
      .limit(1)
      .prepare(name),
);

/**
 * The contact with this address, if any, and the cache version (see lib/versioned-cache.ts) in the
 * same statement: an inbound message's sender lookup observes it as a contact request does.
 */
export async function findContactByEmailWithCacheVersion(
  db: Db,
  email: string,
): Promise<{ contact: ContactRow | undefined; cacheVersion: number }> {
  const [row] = await contactByEmailWithCacheVersion(db, {}).execute({ email: email.toLowerCase() });
  return { contact: row?.contact ?? undefined, cacheVersion: row?.cacheVersion ?? 0 };
}

export async function findContactById(db: Db, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id)).limit(1);
  return row;
}

function withCustomer(db: Db) {
  return db
    .select({ contact: contacts, customerName: customers.name })
    .from(contacts)
    .leftJoin(customers, eq(customers.id, contacts.customerId));
}

export async function findContactWithCustomer(db: Db, id: string): Promise<ContactWithCustomer | undefined> {
  const [row] = await withCustomer(db).where(eq(contacts.id, id)).limit(1);
  return row && { ...row.contact, customerName: row.customerName };
}

export type ContactListQuery = {
  q?: string;
  customerId?: string;
  isPrimary?: boolean;
  page: number;
  pageSize: number;
};

export async function listContacts(db: Db, query: ContactListQuery) {
  const conditions: (SQL | undefined)[] = [
    query.customerId ? eq(contacts.customerId, query.customerId) : undefined,
    query.isPrimary === undefined ? undefined : eq(contacts.isPrimary, query.isPrimary),
  ];
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(
      or(
        ilike(contacts.email, pattern),
        ilike(sql`${contacts.firstName} || ' ' || ${contacts.lastName}`, pattern),
        ilike(contacts.username, pattern),
      ),
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    withCustomer(db)
      .where(where)
      .orderBy(
        asc(sql`lower(${contacts.lastName})`),
        asc(sql`lower(${contacts.firstName})`),
        asc(contacts.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(contacts).where(where),
  ]);
  return {
    items: rows.map((row) => ({ ...row.contact, customerName: row.customerName })),
    total: total?.n ?? 0,
  };
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

export async function deleteContact(db: Db, id: string): Promise<void> {
  await db.delete(contacts).where(eq(contacts.id, id));
}

export async function deleteContactsOfCustomer(db: Db, customerId: string): Promise<void> {
  await db.delete(contacts).where(eq(contacts.customerId, customerId));
}
