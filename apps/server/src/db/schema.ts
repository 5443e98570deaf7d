import { ACTION_STATES, ACTION_TYPES, DEVICE_OSES, LANGUAGES } from '@atrium/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  foreignKey,
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
    /** The console's language, and that of the mail Atrium sends them. */
    language: text('language', { enum: LANGUAGES }).notNull().default('en'),
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
    /**
     * Set whenever Atrium generated the password (creation, a technician's reset): that password is
     * a one-time key, and the contact's sessions can only choose their own until they do.
     */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
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
    /** Null: until revoked. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    index('api_tokens_technician_idx').on(t.technicianId),
  ],
);

/**
 * Attempts per key (account, address, both) in fixed windows, shared by every server process. An
 * attempt is counted before its password is checked, and a successful one takes itself back, so
 * `failures` holds the failed attempts and those still being checked.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  failures: integer('failures').notNull(),
});

/**
 * "Forgot password?" links. Only the sha256 of the link's token is kept; a link is used once (its
 * row is deleted in the statement that accepts it) and expires.
 */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    technicianId: uuid('technician_id').references(() => technicians.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('password_reset_tokens_technician_idx').on(t.technicianId),
    index('password_reset_tokens_contact_idx').on(t.contactId),
    check('password_reset_tokens_owner_check', sql`(${t.technicianId} is null) <> (${t.contactId} is null)`),
  ],
);

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

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Open, Pending, Resolved, Closed, plus the ones admins add. Tickets name their status. */
export const ticketStatuses = pgTable('ticket_statuses', {
  name: text('name').primaryKey(),
  closed: boolean('closed').notNull().default(false),
  builtin: boolean('builtin').notNull().default(false),
  position: integer('position').notNull().default(0),
});

export const customFields = pgTable(
  'custom_fields',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    label: jsonb('label').$type<Record<string, string>>().notNull(),
    type: text('type', { enum: ['text', 'number', 'date', 'select', 'checkbox'] }).notNull(),
    options: jsonb('options')
      .$type<{ value: string; label: Record<string, string> }[]>()
      .notNull()
      .default([]),
    required: boolean('required').notNull().default(false),
    portalVisibility: text('portal_visibility', { enum: ['edit', 'hidden'] })
      .notNull()
      .default('edit'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('custom_fields_key_key').on(t.key)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigint('number', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').notNull().default('Open'),
    priority: text('priority', { enum: ['Low', 'Medium', 'High', 'Critical'] })
      .notNull()
      .default('Medium'),
    type: text('type', { enum: ['Problem', 'Incident', 'Request', 'Question', 'Change', 'Other'] })
      .notNull()
      .default('Problem'),
    impact: text('impact', { enum: ['None', 'Minor', 'Major', 'Site down', 'Crisis'] })
      .notNull()
      .default('None'),
    /** Null while the requester is an unassigned contact (mail from a domain no customer has). */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    technicianId: uuid('technician_id').references(() => technicians.id, { onDelete: 'set null' }),
    dueDate: timestamp('due_date', { withTimezone: true }),
    source: text('source', { enum: ['portal', 'email', 'assistant', 'console', 'api'] }).notNull(),
    customFields: jsonb('custom_fields')
      .$type<Record<string, string | number | boolean | null>>()
      .notNull()
      .default({}),
    billed: boolean('billed').notNull().default(false),
    billedAt: timestamp('billed_at', { withTimezone: true }),
    /** The earlier ticket this one continues: a contact replied to it when it could not be reopened. */
    followUpOfId: uuid('follow_up_of_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', title || ' ' || description)`),
  },
  (t) => [
    uniqueIndex('tickets_number_key').on(t.number),
    foreignKey({
      columns: [t.status],
      foreignColumns: [ticketStatuses.name],
      name: 'tickets_status_fk',
    }).onUpdate('cascade'),
    foreignKey({
      columns: [t.followUpOfId],
      foreignColumns: [t.id],
      name: 'tickets_follow_up_of_fk',
    }).onDelete('set null'),
    // The portal's two lists, company and mine, in their order (newest change first, id as the
    // tie-break). The status at the end lets a page's total be counted from the index alone.
    // `nullsFirst`: what a plain `order by … desc` means; an index in another order cannot serve it.
    index('tickets_customer_page_idx').on(
      t.customerId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
      t.status,
    ),
    index('tickets_contact_page_idx').on(
      t.contactId,
      t.customerId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
      t.status,
    ),
    index('tickets_follow_up_of_idx').on(t.followUpOfId),
    index('tickets_technician_idx').on(t.technicianId),
    index('tickets_status_updated_idx').on(t.status, t.updatedAt.desc().nullsFirst()),
    index('tickets_updated_idx').on(t.updatedAt.desc().nullsFirst()),
    index('tickets_search_idx').using('gin', t.search),
  ],
);

export const ticketComments = pgTable(
  'ticket_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    authorType: text('author_type', { enum: ['contact', 'technician', 'assistant', 'system'] }).notNull(),
    authorId: uuid('author_id'),
    body: text('body').notNull(),
    internal: boolean('internal').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_comments_ticket_idx').on(t.ticketId, t.createdAt)],
);

/** Files live under DATA_DIR/attachments/<storage key>; the row says who may see them (the ticket). */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    commentId: uuid('comment_id').references(() => ticketComments.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    uploadedByType: text('uploaded_by_type', {
      enum: ['contact', 'technician', 'assistant', 'system'],
    }).notNull(),
    uploadedById: uuid('uploaded_by_id'),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_ticket_idx').on(t.ticketId), index('attachments_comment_idx').on(t.commentId)],
);

export const kbCategories = pgTable('kb_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: jsonb('name').$type<Record<string, string>>().notNull(),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
});

export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    language: text('language', { enum: ['en', 'fr', 'de', 'es', 'it'] }).notNull(),
    categoryId: uuid('category_id').references(() => kbCategories.id, { onDelete: 'set null' }),
    shared: boolean('shared').notNull().default(false),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    /** Translations of one article share a group id (the first article's id). */
    translationGroupId: uuid('translation_group_id').notNull(),
    helpful: integer('helpful').notNull().default(0),
    unhelpful: integer('unhelpful').notNull().default(0),
    views: integer('views').notNull().default(0),
    createdById: uuid('created_by_id').references(() => technicians.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Stemmed in the article's own language: "imprimantes" finds "imprimante". */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector(case language when 'fr' then 'french'::regconfig when 'de' then 'german'::regconfig when 'es' then 'spanish'::regconfig when 'it' then 'italian'::regconfig else 'english'::regconfig end, title), 'A') || setweight(to_tsvector(case language when 'fr' then 'french'::regconfig when 'de' then 'german'::regconfig when 'es' then 'spanish'::regconfig when 'it' then 'italian'::regconfig else 'english'::regconfig end, body), 'B')`,
      ),
  },
  (t) => [
    index('kb_articles_search_idx').using('gin', t.search),
    // One article per language in a translation group.
    uniqueIndex('kb_articles_group_language_key').on(t.translationGroupId, t.language),
    index('kb_articles_category_idx').on(t.categoryId),
    index('kb_articles_portal_idx').on(t.shared, t.status, t.language),
  ],
);

/**
 * The durable mail queue. A row is written in the same transaction as the change it reports, so an
 * acknowledged write never loses its mail. Without SMTP the rows are the outbox shown in the console.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    /** Fixed when queued, so a retried message is recognisably the same message to its receiver. */
    messageId: text('message_id')
      .notNull()
      .default(sql`('<' || gen_random_uuid()::text || '@atrium.invalid>')`),
    /** Extra headers (In-Reply-To, References, Auto-Submitted…). */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    // In the Outbox page's order (see the tickets' list indexes for why `nullsFirst`).
    index('mail_outbox_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/**
 * What happened to a ticket that people may need to hear of, written with the change itself (one
 * cheap insert); the dispatcher turns each into mail shortly after, outside the request.
 */
export const mailEvents = pgTable(
  'mail_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['ticketCreated', 'commentAdded', 'statusChanged'] }).notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    actor: jsonb('actor').$type<{ kind: 'technician' | 'contact'; id: string; name: string }>().notNull(),
    details: jsonb('details').$type<{ body?: string; status?: string }>().notNull().default({}),
    /** The clock, not the transaction's start: a reply and the status change it causes keep their order. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('mail_events_created_idx').on(t.createdAt)],
);

/**
 * Message-IDs that belong to a ticket, in and out: a reply's In-Reply-To or References finds its
 * ticket here even when the subject lost its [#number].
 */
export const ticketMailIds = pgTable(
  'ticket_mail_ids',
  {
    messageId: text('message_id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_mail_ids_ticket_idx').on(t.ticketId)],
);

/**
 * Every message received (SMTP listener or IMAP), kept raw with what became of it: a technician can
 * see an ignored or malformed mail, and a mailbox polled again does not import it twice.
 */
export const inboundMail = pgTable(
  'inbound_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source', { enum: ['smtp', 'imap'] }).notNull(),
    messageId: text('message_id'),
    mailFrom: text('mail_from'),
    subject: text('subject'),
    raw: bytea('raw').notNull(),
    size: integer('size').notNull(),
    status: text('status', { enum: ['imported', 'ignored', 'rejected', 'failed'] }).notNull(),
    /** Why it was ignored, rejected or failed (auto-reply, unknown domain, parse error…). */
    reason: text('reason'),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    commentId: uuid('comment_id').references(() => ticketComments.id, { onDelete: 'set null' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbound_mail_message_id_key').on(t.messageId),
    // In the Incoming-mail page's order (see the tickets' list indexes for why `nullsFirst`).
    index('inbound_mail_received_idx').on(t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/** Per-customer tokens an agent enrolls with (SPEC §6): hashed, expiring, with a use limit. */
export const enrollmentTokens = pgTable(
  'enrollment_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** sha256 of the token; the token itself is shown once, at creation. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    maxUses: integer('max_uses').notNull(),
    uses: integer('uses').notNull().default(0),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdById: uuid('created_by_id').references(() => technicians.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('enrollment_tokens_hash_key').on(t.tokenHash),
    index('enrollment_tokens_customer_idx').on(t.customerId),
    check('enrollment_tokens_uses_check', sql`${t.uses} between 0 and ${t.maxUses}`),
  ],
);

/**
 * A customer's computer running the agent. Its identity is the Ed25519 public key it enrolled: no
 * shared secret exists that could leak.
 */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The person who uses it: their portal shows it (issue: self-service). */
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    publicKey: text('public_key').notNull(),
    hostname: text('hostname').notNull(),
    os: text('os', { enum: DEVICE_OSES }).notNull(),
    osVersion: text('os_version').notNull(),
    agentVersion: text('agent_version').notNull(),
    bootId: text('boot_id'),
    lastBootAt: timestamp('last_boot_at', { withTimezone: true }),
    loggedInUser: text('logged_in_user'),
    ips: jsonb('ips').$type<string[]>().notNull().default([]),
    /** Connected to a server process now; a sweep clears it after missed heartbeats. */
    online: boolean('online').notNull().default(false),
    /** The connection that last said hello: a late close of an older one does not mark it offline. */
    connectionId: uuid('connection_id'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    enrollmentTokenId: uuid('enrollment_token_id').references(() => enrollmentTokens.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('devices_public_key_key').on(t.publicKey),
    index('devices_customer_idx').on(t.customerId, t.hostname),
    index('devices_contact_idx').on(t.contactId),
    index('devices_online_seen_idx').on(t.lastSeenAt).where(sql`${t.online}`),
  ],
);

/**
 * An action on a device, from request to outcome (SPEC §6). The partial unique index is the rule
 * "one action of a type in flight per device", held by the database for every process at once.
 */
export const deviceActions = pgTable(
  'device_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    type: text('type', { enum: ACTION_TYPES }).notNull(),
    /** What the agent needs besides the type (a catalog entry's package ids); never a secret. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    state: text('state', { enum: ACTION_STATES }).notNull(),
    requestedByType: text('requested_by_type', { enum: ['technician', 'contact'] }).notNull(),
    requestedById: uuid('requested_by_id').notNull(),
    idempotencyKey: text('idempotency_key'),
    /** The device's boot id when the command went out: a reboot succeeded once it differs. */
    bootIdAtSend: text('boot_id_at_send'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    exitCode: integer('exit_code'),
    output: text('output'),
    error: text('error'),
    rebootRequired: boolean('reboot_required').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('device_actions_idempotency_key').on(t.deviceId, t.idempotencyKey),
    uniqueIndex('device_actions_in_flight_key')
      .on(t.deviceId, t.type)
      .where(sql`${t.state} in ('awaiting_verification', 'queued', 'sent', 'acknowledged', 'running')`),
    index('device_actions_device_idx').on(t.deviceId, t.createdAt.desc().nullsFirst()),
    index('device_actions_pending_idx')
      .on(t.expiresAt)
      .where(sql`${t.state} in ('awaiting_verification', 'queued', 'sent', 'acknowledged', 'running')`),
  ],
);

/**
 * The keys the server signs commands with; agents pin every active one at enrollment, so a key can
 * be rotated in while the old one still verifies. Kept in the database: every server process signs
 * with the same keys.
 */
export const agentSigningKeys = pgTable('agent_signing_keys', {
  id: text('id').primaryKey(),
  publicKey: text('public_key').notNull(),
  /** PKCS#8 PEM. Whoever reads this table can also rewrite every row of the desk. */
  privateKey: text('private_key').notNull(),
  createdAt: createdAt(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

// ---- Self-service: SMS, verification codes, the software catalog -------------------------------

/**
 * Every text message, whatever the provider: the outbox provider only stores it (the console shows
 * it); the others send it from here, retried with backoff, so a failed delivery is visible.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** E.164. */
    to: text('to').notNull(),
    body: text('body').notNull(),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /**
     * A text about an action (a temporary password) is held until its action succeeds: set on the
     * device, it goes out; anything else, it is discarded unsent.
     */
    actionId: uuid('action_id').references(() => deviceActions.id, { onDelete: 'cascade' }),
    held: boolean('held').notNull().default(false),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('sms_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued' and not ${t.held}`),
    index('sms_outbox_held_idx').on(t.actionId).where(sql`${t.held}`),
    index('sms_outbox_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/**
 * The 6-digit codes of SMS 2FA (SPEC §5), hashed: one proves a phone number is the contact's, the
 * other allows one action. Sends are rate-limited by counting these rows.
 */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['phone', 'action'] }).notNull(),
    phone: text('phone').notNull(),
    actionId: uuid('action_id').references(() => deviceActions.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('verification_codes_contact_idx').on(t.contactId, t.createdAt.desc().nullsFirst()),
    index('verification_codes_phone_idx').on(t.phone, t.createdAt.desc().nullsFirst()),
    index('verification_codes_action_idx').on(t.actionId),
  ],
);

/** Approved software contacts may install on their own devices (SPEC §3.5); Linux has none. */
export const software = pgTable('software', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Chocolatey package id, for Windows. */
  chocolatey: text('chocolatey'),
  /** Homebrew formula or cask, for macOS. */
  homebrew: text('homebrew'),
  homebrewCask: boolean('homebrew_cask').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * The portal assistant's chats (SPEC §7): every session, message and tool call is kept. A session
 * gets a ticket when the contact asks for a person, or from its first message with
 * `createTicketPerChat`.
 */
export const assistantSessions = pgTable(
  'assistant_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistant_sessions_contact_idx').on(t.contactId, t.createdAt.desc().nullsFirst())],
);

export const assistantMessages = pgTable(
  'assistant_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => assistantSessions.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['user', 'assistant', 'tool'] }).notNull(),
    text: text('text').notNull(),
    language: text('language', { enum: LANGUAGES }),
    /**
     * An answer's articles, proposed action and ticket; a tool call's name, arguments and result.
     */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Orders messages: a turn's share one transaction's clock. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    createdAt: createdAt(),
  },
  (t) => [index('assistant_messages_session_idx').on(t.sessionId, t.seq)],
);

/**
 * Actions a contact ran from the assistant's proposals: the chat shows how each went, and the
 * session's ticket gets its result once it has one (`recordedAt`).
 */
export const assistantActions = pgTable(
  'assistant_actions',
  {
    actionId: uuid('action_id')
      .primaryKey()
      .references(() => deviceActions.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => assistantMessages.id, { onDelete: 'cascade' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('assistant_actions_message_idx').on(t.messageId, t.createdAt),
    index('assistant_actions_unrecorded_idx').on(t.createdAt).where(sql`${t.recordedAt} is null`),
  ],
);

// ---- Custom domain: ACME accounts and the portal's certificates --------------------------------

/**
 * One ACME account per directory (Let's Encrypt, a test CA), shared by every server process. The key
 * is a PKCS#8 PEM: like `agent_signing_keys`, whoever reads this table already holds the desk.
 */
export const acmeAccounts = pgTable('acme_accounts', {
  directoryUrl: text('directory_url').primaryKey(),
  privateKey: text('private_key').notNull(),
  createdAt: createdAt(),
});

/**
 * The certificate each custom domain is served with, and the ACME order in progress for it: one row
 * per domain, so the lease (`orderingUntil`) lets one process order while the others wait, and the
 * HTTP-01 answer is found by whichever process the CA's request reaches.
 */
export const domainCertificates = pgTable(
  'domain_certificates',
  {
    domain: text('domain').primaryKey(),
    /** PEM chain, leaf first; null until one is issued or uploaded. */
    certificate: text('certificate'),
    /** PKCS#8 PEM of the certificate's key; never logged nor sent. */
    privateKey: text('private_key'),
    source: text('source', { enum: ['acme', 'upload'] }),
    notAfter: timestamp('not_after', { withTimezone: true }),
    orderingUntil: timestamp('ordering_until', { withTimezone: true }),
    challengeToken: text('challenge_token'),
    challengeResponse: text('challenge_response'),
    /** Why the last order failed, for the console; cleared by the next certificate. */
    lastError: text('last_error'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('domain_certificates_challenge_idx').on(t.challengeToken)],
);
