import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  inArray,
  is,
  isNull,
  or,
  Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { contacts, customers, technicians, tickets } from '../../db/schema';
import { preparedPerShape } from '../../lib/prepared';

/** Every column but the search vector: it is for the index, and heavy to ship back. */
const { search: _search, ...ticketColumns } = getTableColumns(tickets);
export type TicketRow = Omit<typeof tickets.$inferSelect, 'search'>;
export type TicketView = TicketRow & {
  /** Null with the customer: tickets of unassigned contacts have none. */
  customerName: string | null;
  contactName: string | null;
  contactEmail: string | null;
  technicianName: string | null;
};
/** A row of a contact's list: no description (the list does not show it), and the names it does. */
export type TicketSummaryView = Omit<TicketRow, 'description'> &
  Pick<TicketView, 'contactName' | 'technicianName'>;
const { description: _description, ...summaryColumns } = ticketColumns;

const contact = alias(contacts, 'contact');
const technician = alias(technicians, 'technician');

const contactName = sql<string | null>`${contact.firstName} || ' ' || ${contact.lastName}`;
const viewFields = {
  ticket: ticketColumns,
  customerName: customers.name,
  contactName,
  contactEmail: contact.email,
  technicianName: technician.name,
};

/** A ticket with the names people read next to it, in one query. */
function selectViews(db: Db) {
  return db
    .select(viewFields)
    .from(tickets)
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(contact, eq(contact.id, tickets.contactId))
    .leftJoin(technician, eq(technician.id, tickets.technicianId));
}

type ViewRow = {
  ticket: TicketRow;
  customerName: string | null;
  contactName: string | null;
  contactEmail: string | null;
  technicianName: string | null;
};
const flatten = (row: ViewRow): TicketView => ({
  ...row.ticket,
  customerName: row.customerName,
  contactName: row.contactName,
  contactEmail: row.contactEmail,
  technicianName: row.technicianName,
});

/** A new ticket as the writes receive it. */
export type NewTicket = typeof tickets.$inferInsert;

/** A new ticket's given values under their columns' names, as a JSON row of `prepareTicketBatch`. */
export function ticketColumnValues(values: NewTicket): Record<string, unknown> {
  const columns = getTableColumns(tickets);
  return Object.fromEntries(
    (Object.entries(values) as [keyof NewTicket, unknown][])
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [columns[key].name, value]),
  );
}

/**
 * Several tickets of one shape (the same keys given) inserted by one statement from one JSON
 * parameter `rows`, a group commit. `extra` names the other fields each row carries, with their
 * SQL types; `alongside` gets the new tickets joined to their input rows as `inserted join input
 * using (id)`, to read both. Keys left out keep their column's default, as a single insert does.
 */
export function prepareTicketBatch(
  db: Db,
  name: string,
  keys: (keyof NewTicket)[],
  extra: Record<string, string>,
  alongside: (source: SQL) => SQL[],
) {
  const columns = getTableColumns(tickets);
  const given = [...new Set(['id' as const, ...keys])].map((key) => columns[key]);
  const record = sql.join(
    [
      ...given.map((column) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
      ...Object.entries(extra).map(([field, type]) => sql`${sql.identifier(field)} ${sql.raw(type)}`),
    ],
    sql`, `,
  );
  const names = sql.join(
    given.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  const returned = sql.join(
    Object.values(ticketColumns).map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  const input = db
    .$with('input', {})
    .as(sql`select * from jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) as r(${record})`);
  const inserted = db
    .$with('inserted', ticketColumns)
    .as(sql`insert into ${tickets} (${names}) select ${names} from input returning ${returned}`);
  const writes = alongside(sql`inserted join input using (id)`).map((statement, i) =>
    db.$with(`alongside_${i}`, {}).as(statement),
  );
  return db
    .with(input, inserted, ...writes)
    .select()
    .from(inserted)
    .prepare(name);
}

export async function findTicketView(db: Db, id: string): Promise<TicketView | undefined> {
  const [row] = await selectViews(db).where(eq(tickets.id, id)).limit(1);
  return row && flatten(row);
}

/** Several tickets with their names in one query; missing ids are simply absent. */
export async function findTicketViews(db: Db, ids: string[]): Promise<TicketView[]> {
  if (ids.length === 0) return [];
  const rows = await selectViews(db).where(inArray(tickets.id, ids));
  return rows.map(flatten);
}

/** Locks the ticket row for the rest of the transaction: concurrent updates apply one after the other. */
export async function lockTicket(db: Db, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.select(ticketColumns).from(tickets).where(eq(tickets.id, id)).for('update').limit(1);
  return row;
}

/**
 * Changes a ticket, and writes what `alongside` gives (the changed ticket's id is `updated.id`) in
 * the same statement: the change and its records cost one round trip.
 */
export async function updateTicket(
  db: Db,
  id: string,
  values: Partial<typeof tickets.$inferInsert>,
  alongside: (updated: SQL) => SQL[],
): Promise<void> {
  const update = db
    .update(tickets)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(tickets.id, id))
    .returning({ id: tickets.id });
  const writes = alongside(sql`updated`).map(
    (statement, i) => sql`${sql.identifier(`alongside_${i}`)} as (${statement})`,
  );
  await db.execute(sql`with updated as (${update.getSQL()}), ${sql.join(writes, sql`, `)} select 1`);
}

/** The customer-less tickets of a contact move to the customer the contact was just given. */
export async function assignCustomerToContactTickets(
  db: Db,
  contactId: string,
  customerId: string,
): Promise<number> {
  const moved = await db
    .update(tickets)
    .set({ customerId })
    .where(and(eq(tickets.contactId, contactId), isNull(tickets.customerId)))
    .returning({ id: tickets.id });
  return moved.length;
}

/** A ticket's updatedAt moves to now: the statement given the ticket's id as SQL (a CTE's column). */
export function touchTicketFrom(id: SQL): SQL {
  return sql`update ${tickets} set ${sql.identifier(tickets.updatedAt.name)} = now() where ${tickets.id} = ${id}`;
}

/** `Open, Pending` as sent in a query string: the statuses named, blanks dropped. */
export function statusList(status: string | undefined): string[] | undefined {
  return status
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

export type TicketFilters = {
  statuses?: string[];
  priority?: TicketRow['priority'];
  type?: TicketRow['type'];
  customerId?: string;
  contactId?: string;
  technicianId?: string | 'none';
  billed?: boolean;
  source?: TicketRow['source'];
  q?: string;
};

export type TicketSort = {
  sort: 'updatedAt' | 'createdAt' | 'number' | 'dueDate' | 'priority';
  order: 'asc' | 'desc';
};

const PRIORITY_RANK = sql`case ${tickets.priority} when 'Low' then 0 when 'Medium' then 1 when 'High' then 2 else 3 end`;
const SORT_COLUMNS = {
  updatedAt: tickets.updatedAt,
  createdAt: tickets.createdAt,
  number: tickets.number,
  dueDate: tickets.dueDate,
  priority: PRIORITY_RANK,
};

export function ticketConditions(filters: TicketFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filters.statuses?.length ? inArray(tickets.status, filters.statuses) : undefined,
    filters.priority ? eq(tickets.priority, filters.priority) : undefined,
    filters.type ? eq(tickets.type, filters.type) : undefined,
    filters.customerId ? eq(tickets.customerId, filters.customerId) : undefined,
    filters.contactId ? eq(tickets.contactId, filters.contactId) : undefined,
    filters.technicianId === 'none'
      ? isNull(tickets.technicianId)
      : filters.technicianId
        ? eq(tickets.technicianId, filters.technicianId)
        : undefined,
    filters.billed === undefined ? undefined : eq(tickets.billed, filters.billed),
    filters.source ? eq(tickets.source, filters.source) : undefined,
  ];
  if (filters.q) conditions.push(searchCondition(filters.q, ticketNumberIn(filters.q)));
  return and(...conditions);
}

/** "#42" or "42" asks for ticket 42 (or the words, which it may also be). */
function ticketNumberIn(q: string): number | undefined {
  const digits = /^#?(\d{1,15})$/.exec(q)?.[1];
  return digits === undefined ? undefined : Number(digits);
}

/** Words search title and description; a number also finds the ticket with that number. */
function searchCondition(q: Bindable<string>, number: Bindable<number> | undefined): SQL {
  const words = sql`${tickets.search} @@ websearch_to_tsquery('simple', ${q})`;
  return number === undefined ? words : sql`(${tickets.number} = ${number} or ${words})`;
}

export async function listTicketViews(
  db: Db,
  filters: TicketFilters,
  sort: TicketSort,
  page: { page: number; pageSize: number },
): Promise<{ items: TicketView[]; total: number }> {
  const where = ticketConditions(filters);
  const column = SORT_COLUMNS[sort.sort];
  const direction = sort.order === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    selectViews(db)
      .where(where)
      .orderBy(sql`${direction(column)} nulls last`, desc(tickets.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(tickets).where(where),
  ]);
  return { items: rows.map(flatten), total: total?.n ?? 0 };
}

/**
 * What a contact can see (SPEC §3.6, §4): their customer's tickets — all of them for a primary
 * contact asking for the company's, otherwise their own — in a status contacts may see. Applied in
 * SQL, so a ticket outside it is simply not found.
 */
/** `customerId` null: an unassigned contact, whose tickets have no customer either. */
export type ContactTicketScope = { customerId: string | null; contactId?: string; visibleStatuses: string[] };

/** A value, or the placeholder of a prepared statement that stands for it. */
type Bindable<T> = T | Placeholder;

/** One array parameter (`= any($n)`): the statement's text is the same whatever the array's length. */
const anyOf = (values: Bindable<string[]>) => (is(values, Placeholder) ? values : sql.param(values));

function scoped(scope: {
  customerId: Bindable<string> | null;
  contactId?: Bindable<string> | undefined;
  visibleStatuses: Bindable<string[]>;
}): SQL | undefined {
  return and(
    scope.customerId === null ? isNull(tickets.customerId) : eq(tickets.customerId, scope.customerId),
    scope.contactId ? eq(tickets.contactId, scope.contactId) : undefined,
    // No visible status matches nothing: `= any('{}')` is false.
    sql`${tickets.status} = any(${anyOf(scope.visibleStatuses)})`,
  );
}

export async function findTicketViewInScope(
  db: Db,
  id: string,
  scope: ContactTicketScope,
): Promise<TicketView | undefined> {
  const [row] = await selectViews(db)
    .where(and(eq(tickets.id, id), scoped(scope)))
    .limit(1);
  return row && flatten(row);
}

/** What changes the text of `lockTicketInScope`'s statement; everything else is a parameter. */
type LockInScopeShape = { ids: boolean; number: boolean; unassigned: boolean; company: boolean };

/** Run for every received reply and portal reply: prepared (lib/prepared.ts). */
const lockInScope = preparedPerShape('lock_ticket_in_scope', (db: Db, shape: LockInScopeShape, name) => {
  const p = sql.placeholder;
  return db
    .select(ticketColumns)
    .from(tickets)
    .where(
      and(
        or(
          shape.ids ? sql`${tickets.id} = any(${p('ids')}::uuid[])` : undefined,
          shape.number ? eq(tickets.number, p('number')) : undefined,
        ),
        scoped({
          customerId: shape.unassigned ? null : p('customerId'),
          contactId: shape.company ? undefined : p('contactId'),
          visibleStatuses: p('visibleStatuses'),
        }),
      ),
    )
    .orderBy(sql`array_position(${p('ids')}::uuid[], ${tickets.id}) nulls last`)
    .limit(1)
    .for('update')
    .prepare(name);
});

/**
 * The first of the candidates — the tickets `ids` names, in their order, then the one numbered
 * `number` — that is in the scope, locked for the rest of the transaction: one statement, and only
 * that ticket locked.
 */
export async function lockTicketInScope(
  db: Db,
  candidates: { ids: string[]; number?: number | undefined },
  scope: ContactTicketScope,
): Promise<TicketRow | undefined> {
  const { ids, number } = candidates;
  if (ids.length === 0 && number === undefined) return undefined;
  const shape: LockInScopeShape = {
    ids: ids.length > 0,
    number: number !== undefined,
    unassigned: scope.customerId === null,
    company: !scope.contactId,
  };
  const [row] = await lockInScope(db, shape).execute({
    ids,
    number,
    customerId: scope.customerId,
    contactId: scope.contactId,
    visibleStatuses: scope.visibleStatuses,
  });
  return row;
}

/** What changes the text of the portal list's statements; everything else is a parameter. */
type PortalListShape = {
  unassigned: boolean;
  company: boolean;
  statuses: boolean;
  search: 'none' | 'words' | 'number';
};

/**
 * The portal list's two statements (the page with its total, and the total alone for a page past
 * the end), prepared (lib/prepared.ts).
 */
const portalList = preparedPerShape('portal_list', (db: Db, shape: PortalListShape, name) => {
  const p = sql.placeholder;
  const where = and(
    scoped({
      customerId: shape.unassigned ? null : p('customerId'),
      contactId: shape.company ? undefined : p('contactId'),
      visibleStatuses: p('visibleStatuses'),
    }),
    shape.statuses ? sql`${tickets.status} = any(${p('statuses')})` : undefined,
    shape.search === 'none'
      ? undefined
      : searchCondition(p('q'), shape.search === 'number' ? p('number') : undefined),
  );
  // The total rides along as a subquery that the list indexes answer without reading a ticket
  // (their last column is the status). The names are joined to the page only.
  const total = db.select({ n: count() }).from(tickets).where(where);
  const pageRows = db
    .select(summaryColumns)
    .from(tickets)
    .where(where)
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(p('limit'))
    .offset(p('offset'))
    .as('page');
  const page = db
    .select({
      ...pageRows._.selectedFields,
      contactName,
      technicianName: technician.name,
      total: sql<number>`(${total})`.mapWith(Number),
    })
    .from(pageRows)
    .leftJoin(contact, eq(contact.id, pageRows.contactId))
    .leftJoin(technician, eq(technician.id, pageRows.technicianId))
    .orderBy(desc(pageRows.updatedAt), desc(pageRows.id))
    .prepare(name);
  return { page, total: total.prepare(`${name}_total`) };
});

/** A contact's list page and the total, in one round trip. */
export async function listTicketSummariesInScope(
  db: Db,
  scope: ContactTicketScope,
  filters: Pick<TicketFilters, 'statuses' | 'q'>,
  page: { page: number; pageSize: number },
): Promise<{ items: TicketSummaryView[]; total: number }> {
  const number = filters.q ? ticketNumberIn(filters.q) : undefined;
  const shape: PortalListShape = {
    unassigned: scope.customerId === null,
    company: !scope.contactId,
    statuses: Boolean(filters.statuses?.length),
    search: !filters.q ? 'none' : number === undefined ? 'words' : 'number',
  };
  const statements = portalList(db, shape);
  const values = {
    customerId: scope.customerId,
    contactId: scope.contactId,
    visibleStatuses: scope.visibleStatuses,
    statuses: filters.statuses,
    q: filters.q,
    number,
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  };
  const rows = await statements.page.execute(values);
  if (rows.length > 0) return { items: rows, total: rows[0]?.total ?? 0 };
  // Only a page past the end counts separately.
  const [counted] = await statements.total.execute(values);
  return { items: [], total: counted?.n ?? 0 };
}

export async function findTicketNumber(db: Db, id: string): Promise<number | undefined> {
  const [row] = await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, id)).limit(1);
  return row?.number;
}

export type TicketLink = Pick<TicketRow, 'id' | 'number' | 'title' | 'status'>;
const linkColumns = { id: tickets.id, number: tickets.number, title: tickets.title, status: tickets.status };

/** The ticket a ticket follows up, if any, and the follow-ups opened from it, oldest first. */
export async function findFollowUpLinks(
  db: Db,
  ticket: Pick<TicketRow, 'id' | 'followUpOfId'>,
): Promise<{ followUpOf: TicketLink | undefined; followUps: TicketLink[] }> {
  const [original, followUps] = await Promise.all([
    ticket.followUpOfId
      ? db.select(linkColumns).from(tickets).where(eq(tickets.id, ticket.followUpOfId)).limit(1)
      : [],
    db
      .select(linkColumns)
      .from(tickets)
      .where(eq(tickets.followUpOfId, ticket.id))
      .orderBy(asc(tickets.number)),
  ]);
  return { followUpOf: original[0], followUps };
}
