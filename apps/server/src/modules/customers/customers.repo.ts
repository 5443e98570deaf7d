import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, customerDomains, customers, ticketStatuses, tickets } from '../../db/schema';
import { containsPattern } from '../../lib/sql-text';

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerWithStats = CustomerRow & {
  domains: string[];
  contactCount: number;
  openTicketCount: number;
};

export async function insertCustomer(db: Db, values: typeof customers.$inferInsert): Promise<CustomerRow> {
  const [row] = await db.insert(customers).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findCustomerById(db: Db, id: string): Promise<CustomerRow | undefined> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  return row;
}

/** Which of `ids` exist. */
export async function existingCustomerIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: customers.id }).from(customers).where(inArray(customers.id, ids));
  return new Set(rows.map((row) => row.id));
}

/**
 * The outer customer's id for correlated subqueries. Drizzle leaves columns unqualified when a query
 * reads a single table, so a bare `customers.id` inside `from contacts c` would be the contact's id.
 */
const outerCustomerId = sql`${customers}.${sql.identifier(customers.id.name)}`;

const domainsOf = sql<
  string[]
>`coalesce((select array_agg(d.domain order by d.domain) from ${customerDomains} d where d.customer_id = ${outerCustomerId}), '{}')`;
const contactCountOf = sql<number>`(select count(*)::int from ${contacts} c where c.customer_id = ${outerCustomerId})`;
const openTicketCountOf = sql<number>`(select count(*)::int from ${tickets} t join ${ticketStatuses} s on s.name = t.status where t.customer_id = ${outerCustomerId} and not s.closed)`;

function withStats(db: Db) {
  return db
    .select({
      customer: customers,
      domains: domainsOf,
      contactCount: contactCountOf,
      openTicketCount: openTicketCountOf,
    })
    .from(customers);
}

const flatten = (row: {
  customer: CustomerRow;
  domains: string[];
  contactCount: number;
  openTicketCount: number;
}) => ({
  ...row.customer,
  domains: row.domains,
  contactCount: row.contactCount,
  openTicketCount: row.openTicketCount,
});

export async function findCustomerWithStats(db: Db, id: string): Promise<CustomerWithStats | undefined> {
  const [row] = await withStats(db).where(eq(customers.id, id)).limit(1);
  return row && flatten(row);
}

function matching(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const pattern = containsPattern(q);
  return or(
    ilike(customers.name, pattern),
    sql`exists (select 1 from ${customerDomains} d where d.customer_id = ${outerCustomerId} and d.domain ilike ${pattern})`,
  );
}

export async function listCustomers(db: Db, query: { q?: string; page: number; pageSize: number }) {
  const where = matching(query.q);
  const [rows, [total]] = await Promise.all([
    withStats(db)
      .where(where)
      .orderBy(asc(sql`lower(${customers.name})`), asc(customers.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(customers).where(where),
  ]);
  return { items: rows.map(flatten), total: total?.n ?? 0 };
}

export async function updateCustomer(db: Db, id: string, values: Partial<typeof customers.$inferInsert>) {
  const [row] = await db
    .update(customers)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(customers.id, id))
    .returning();
  return row;
}

export async function deleteCustomer(db: Db, id: string): Promise<void> {
  await db.delete(customers).where(eq(customers.id, id));
}

/** Domains among `domains` that belong to a customer other than `exceptCustomerId`, with that customer. */
export async function findDomainOwners(db: Db, domains: string[], exceptCustomerId?: string) {
  if (domains.length === 0) return [];
  return db
    .select({ domain: customerDomains.domain, customerId: customers.id, customerName: customers.name })
    .from(customerDomains)
    .innerJoin(customers, eq(customers.id, customerDomains.customerId))
    .where(
      and(
        inArray(customerDomains.domain, domains),
        exceptCustomerId ? sql`${customerDomains.customerId} <> ${exceptCustomerId}` : undefined,
      ),
    );
}

export async function replaceDomains(db: Db, customerId: string, domains: string[]): Promise<void> {
  await db.delete(customerDomains).where(eq(customerDomains.customerId, customerId));
  if (domains.length > 0) {
    await db.insert(customerDomains).values(domains.map((domain) => ({ domain, customerId })));
  }
}

export async function customerHasTickets(db: Db, customerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(eq(tickets.customerId, customerId))
    .limit(1);
  return Boolean(row);
}

export async function customerHasContacts(db: Db, customerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(eq(contacts.customerId, customerId))
    .limit(1);
  return Boolean(row);
}
