import { z } from 'zod';
import { EmailSchema } from './auth';
import { DateTimeSchema } from './dates';
import { LANGUAGES } from './i18n';
import { PageQuerySchema } from './lists';
import { TicketEventSchema } from './ticket-events';

/**
 * The technician's service desk (SPEC §2, §9): customers, contacts, tickets, comments, custom
 * fields, statuses and the audit log. Request bodies are strict (unknown keys are a 400).
 */

export const TICKET_PRIORITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
export const TICKET_TYPES = ['Problem', 'Incident', 'Request', 'Question', 'Change', 'Other'] as const;
export const TICKET_IMPACTS = ['None', 'Minor', 'Major', 'Site down', 'Crisis'] as const;
export const TICKET_SOURCES = ['portal', 'email', 'assistant', 'console', 'api'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketSource = (typeof TICKET_SOURCES)[number];

export const LIMITS = {
  name: 200,
  title: 200,
  ticketDescription: 50_000,
  commentBody: 50_000,
  notes: 10_000,
  articleBody: 200_000,
  domainsPerCustomer: 50,
} as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

// ---------- customers

export const DomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain such as acme.example',
  );

export const CustomerCreateSchema = z.strictObject({
  name: text(LIMITS.name),
  domains: z.array(DomainSchema).max(LIMITS.domainsPerCustomer).optional(),
  phone: optionalText(50),
  address: optionalText(1000),
  notes: optionalText(LIMITS.notes),
});
export type CustomerCreate = z.infer<typeof CustomerCreateSchema>;
export const CustomerUpdateSchema = CustomerCreateSchema.partial();
export type CustomerUpdate = z.infer<typeof CustomerUpdateSchema>;

export const CustomerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  domains: z.array(z.string()),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  contactCount: z.number().int(),
  openTicketCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerListQuerySchema = PageQuerySchema.extend({ q: z.string().trim().max(200).optional() });

// ---------- contacts

/** Mobile numbers in E.164 (used for SMS 2FA); spaces, dots, dashes and brackets are dropped first. */
export const PhoneSchema = z
  .string()
  .transform((value) => value.replace(/[\s().-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in international format, e.g. +33612345678'),
  );

const ContactFieldsSchema = z.strictObject({
  customerId: z.uuid(),
  firstName: text(100),
  lastName: text(100),
  email: EmailSchema,
  phone: PhoneSchema.nullable().optional(),
  jobTitle: optionalText(200),
  isPrimary: z.boolean().optional(),
  language: z.enum(LANGUAGES).optional(),
  /** Defaults to the email address. */
  username: z.string().trim().toLowerCase().min(3).max(254).optional(),
});
export const ContactCreateSchema = ContactFieldsSchema.extend({
  /** False: no welcome email for this contact, even with the portal's welcome-email setting on. */
  sendWelcomeEmail: z.boolean().optional(),
});
export type ContactCreate = z.infer<typeof ContactCreateSchema>;
export const ContactUpdateSchema = ContactFieldsSchema.partial();
export type ContactUpdate = z.infer<typeof ContactUpdateSchema>;

export const ContactSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid().nullable(),
  customer: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  phoneVerified: z.boolean(),
  jobTitle: z.string().nullable(),
  isPrimary: z.boolean(),
  language: z.enum(LANGUAGES),
  username: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;

/**
 * Why no credentials mail was queued: `no_portal` (the contact's customer has no portal feature, so
 * there is nothing to sign in to), `welcome_email_off` (the portal's welcome-email setting),
 * `not_requested` (the technician chose not to send it).
 */
export const CREDENTIALS_MAIL_SKIPS = ['no_portal', 'welcome_email_off', 'not_requested'] as const;
export type CredentialsMailSkip = (typeof CREDENTIALS_MAIL_SKIPS)[number];

export const CredentialsMailSchema = z.object({
  emailQueued: z.boolean(),
  /** Null when the mail was queued. */
  emailSkipped: z.enum(CREDENTIALS_MAIL_SKIPS).nullable(),
});
export type CredentialsMail = z.infer<typeof CredentialsMailSchema>;

export const ContactCreatedSchema = CredentialsMailSchema.extend({
  contact: ContactSchema,
  portalPassword: z.string(),
});
export const CredentialsResetSchema = z.strictObject({ sendEmail: z.boolean().optional() });
export const CredentialsResetResultSchema = CredentialsMailSchema.extend({
  portalUsername: z.string(),
  portalPassword: z.string(),
});

export const ContactListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  customerId: z.uuid().optional(),
  isPrimary: booleanQuery.optional(),
});

// ---------- statuses

export const TicketStatusSchema = z.object({
  name: z.string(),
  /** Counts as finished (Resolved, Closed): the portal's reopen rules apply to it. */
  closed: z.boolean(),
  builtin: z.boolean(),
  position: z.number().int(),
});
export type TicketStatus = z.infer<typeof TicketStatusSchema>;
export const TicketStatusCreateSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[^,]+$/, 'must not contain commas'),
  closed: z.boolean().optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export const TicketStatusUpdateSchema = TicketStatusCreateSchema.partial();

// ---------- custom fields

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** A label per language; English is required and stands in for a missing translation. */
export const LocalizedTextSchema = z.strictObject({
  en: text(200),
  fr: text(200).optional(),
  de: text(200).optional(),
  es: text(200).optional(),
  it: text(200).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const CustomFieldOptionSchema = z.strictObject({ value: text(100), label: LocalizedTextSchema });

export const CustomFieldCreateSchema = z.strictObject({
  key: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{0,49}$/,
      'must be lower-case letters, digits and underscores, starting with a letter',
    ),
  label: LocalizedTextSchema,
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(CustomFieldOptionSchema).max(200).optional(),
  required: z.boolean().optional(),
  portalVisibility: z.enum(['edit', 'hidden']).optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export type CustomFieldCreate = z.infer<typeof CustomFieldCreateSchema>;
/** Key and type are fixed once created: stored values depend on them. */
export const CustomFieldUpdateSchema = CustomFieldCreateSchema.omit({ key: true, type: true }).partial();
export type CustomFieldUpdate = z.infer<typeof CustomFieldUpdateSchema>;

export const CustomFieldSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  label: LocalizedTextSchema,
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(CustomFieldOptionSchema),
  required: z.boolean(),
  portalVisibility: z.enum(['edit', 'hidden']),
  position: z.number().int(),
  createdAt: z.string(),
});
export type CustomField = z.infer<typeof CustomFieldSchema>;

/** Values as stored and returned: text and select are strings, date is YYYY-MM-DD. */
export const CustomFieldValuesSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type CustomFieldValues = z.infer<typeof CustomFieldValuesSchema>;

// ---------- tickets

const ref = z.object({ id: z.uuid(), name: z.string() });

export const TicketCreateSchema = z.strictObject({
  title: text(LIMITS.title),
  description: z.string().max(LIMITS.ticketDescription).default(''),
  customerId: z.uuid(),
  contactId: z.uuid().nullable().optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  impact: z.enum(TICKET_IMPACTS).optional(),
  status: z.string().min(1).max(50).optional(),
  technicianId: z.uuid().nullable().optional(),
  dueDate: DateTimeSchema.nullable().optional(),
  customFields: CustomFieldValuesSchema.optional(),
});
export type TicketCreate = z.infer<typeof TicketCreateSchema>;

export const TicketUpdateSchema = TicketCreateSchema.omit({ customerId: true })
  .extend({ description: z.string().max(LIMITS.ticketDescription), billed: z.boolean() })
  .partial();
export type TicketUpdate = z.infer<typeof TicketUpdateSchema>;

export const TicketSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  descriptionHtml: z.string(),
  status: z.string(),
  priority: z.enum(TICKET_PRIORITIES),
  type: z.enum(TICKET_TYPES),
  impact: z.enum(TICKET_IMPACTS),
  /** Null while the requester is an unassigned contact (mail from a domain no customer has). */
  customer: ref.nullable(),
  contact: ref.extend({ email: z.string() }).nullable(),
  technician: ref.nullable(),
  dueDate: z.string().nullable(),
  source: z.enum(TICKET_SOURCES),
  customFields: CustomFieldValuesSchema,
  billed: z.boolean(),
  billedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const TICKET_SORTS = ['updatedAt', 'createdAt', 'number', 'dueDate', 'priority'] as const;
/** `status` may list several, comma-separated; `technicianId=none` finds unassigned tickets. */
export const TicketListQuerySchema = PageQuerySchema.extend({
  status: z.string().max(500).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  customerId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  technicianId: z.union([z.uuid(), z.literal('none')]).optional(),
  billed: booleanQuery.optional(),
  source: z.enum(TICKET_SOURCES).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(TICKET_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TicketListQuery = z.infer<typeof TicketListQuerySchema>;

// ---------- comments and attachments

export const AttachmentSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Where to download it (same audience as the ticket). */
  url: z.string(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const COMMENT_AUTHOR_TYPES = ['contact', 'technician', 'assistant', 'system'] as const;

export const CommentCreateSchema = z.strictObject({
  body: text(LIMITS.commentBody),
  internal: z.boolean().optional(),
});

export const CommentSchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  author: z.object({ type: z.enum(COMMENT_AUTHOR_TYPES), id: z.uuid().nullable(), name: z.string() }),
  body: z.string(),
  /** Markdown rendered and sanitized on the server: safe to insert as HTML. */
  bodyHtml: z.string(),
  internal: z.boolean(),
  attachments: z.array(AttachmentSchema),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof CommentSchema>;

// ---------- a ticket's history

const TicketLinkSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: z.string(),
});

/**
 * What the console shows beside a ticket's thread: the ticket it follows up (a contact's reply to a
 * billed or closed one), the follow-ups opened from it, and its changes, oldest first.
 */
export const TicketHistorySchema = z.object({
  followUpOf: TicketLinkSchema.nullable(),
  followUps: z.array(TicketLinkSchema),
  events: z.array(TicketEventSchema),
});
export type TicketHistory = z.infer<typeof TicketHistorySchema>;

// ---------- audit

export const AUDIT_ACTOR_TYPES = ['technician', 'contact', 'agent', 'system'] as const;

export const AuditEntrySchema = z.object({
  id: z.uuid(),
  at: z.string(),
  actor: z.object({ type: z.enum(AUDIT_ACTOR_TYPES), id: z.uuid().nullable(), name: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = PageQuerySchema.extend({
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
  actorId: z.uuid().optional(),
  /** An action, or a prefix ending in a dot: `ticket.` finds every ticket action. */
  action: z.string().max(100).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  from: DateTimeSchema.optional(),
  to: DateTimeSchema.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
