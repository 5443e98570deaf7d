import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The one schema both databases run. Migrations under ./migrations are generated from it by
 * drizzle-kit (`npm run db:generate`) and never edited once released.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const technicians = pgTable(
  'technicians',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'technician'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Deleted technicians stay for the audit trail; they can no longer sign in. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('technicians_email_key').on(t.email).where(sql`${t.deletedAt} is null`),
    check('technicians_role_check', sql`${t.role} in ('admin', 'technician')`),
  ],
);

export const customers = pgTable('customers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  phone: text('phone'),
  address: text('address'),
  notes: text('notes'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A domain belongs to one customer at most: that is how mail from strangers finds its company. */
export const customerDomains = pgTable(
  'customer_domains',
  {
    domain: text('domain').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (t) => [index('customer_domains_customer_idx').on(t.customerId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for a contact whose mail domain matched no customer (SPEC §8). */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    phoneVerified: boolean('phone_verified').notNull().default(false),
    jobTitle: text('job_title'),
    isPrimary: boolean('is_primary').notNull().default(false),
    language: text('language', { enum: ['en', 'fr', 'de', 'es', 'it'] })
      .notNull()
      .default('en'),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contacts_email_key').on(t.email),
    uniqueIndex('contacts_username_key').on(t.username),
    index('contacts_customer_idx').on(t.customerId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value: a leaked table does not hand out sessions. */
    id: text('id').primaryKey(),
    audience: text('audience', { enum: ['technician', 'contact'] }).notNull(),
    technicianId: uuid('technician_id').references(() => technicians.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('sessions_technician_idx').on(t.technicianId),
    index('sessions_contact_idx').on(t.contactId),
    index('sessions_expires_idx').on(t.expiresAt),
    check(
      'sessions_audience_check',
      sql`(${t.audience} = 'technician' and ${t.technicianId} is not null and ${t.contactId} is null)
       or (${t.audience} = 'contact' and ${t.contactId} is not null and ${t.technicianId} is null)`,
    ),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => technicians.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** sha256 of the token; the token itself is shown once at creation. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    index('api_tokens_technician_idx').on(t.technicianId),
  ],
);

/** Failed sign-ins per IP and per account, shared by every server process. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  failures: integer('failures').notNull(),
});

/** Small documents of settings, one row per key (e.g. `portal`). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['technician', 'contact', 'agent', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: inet('ip'),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorType, t.actorId),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);
