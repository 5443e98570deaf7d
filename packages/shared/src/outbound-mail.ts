import { z } from 'zod';
import { LANGUAGES, type Language } from './i18n';

/**
 * The mail Atrium writes, each kind in every language: contacts get theirs in their own language,
 * technicians in their console's.
 */
export const CONTACT_MAIL_KINDS = [
  'welcome',
  'credentialsReset',
  'passwordResetLink',
  'ticketReply',
  'ticketStatus',
] as const;
export const TECHNICIAN_MAIL_KINDS = [
  'technicianNewTicket',
  'technicianContactReply',
  'technicianPasswordResetLink',
] as const;
export const MAIL_KINDS = [...CONTACT_MAIL_KINDS, ...TECHNICIAN_MAIL_KINDS] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

const TICKET = ['ticketNumber', 'ticketTitle', 'ticketUrl'] as const;

/** What each template may use as `{{name}}`; `required` ones must stay in the body. */
export const MAIL_PLACEHOLDERS: Record<MailKind, { all: readonly string[]; required: readonly string[] }> = {
  welcome: {
    all: ['firstName', 'lastName', 'companyName', 'portalUrl', 'username', 'password'],
    required: ['username', 'password'],
  },
  credentialsReset: {
    all: ['firstName', 'lastName', 'companyName', 'portalUrl', 'username', 'password'],
    required: ['username', 'password'],
  },
  passwordResetLink: {
    all: ['firstName', 'lastName', 'companyName', 'resetUrl', 'expiresInMinutes'],
    required: ['resetUrl'],
  },
  ticketReply: { all: ['firstName', 'companyName', ...TICKET, 'author', 'message'], required: ['message'] },
  ticketStatus: { all: ['firstName', 'companyName', ...TICKET, 'status'], required: [] },
  technicianNewTicket: {
    all: [...TICKET, 'customer', 'requester', 'requesterEmail', 'message'],
    required: [],
  },
  technicianContactReply: {
    all: [...TICKET, 'customer', 'requester', 'requesterEmail', 'message'],
    required: [],
  },
  technicianPasswordResetLink: { all: ['name', 'resetUrl', 'expiresInMinutes'], required: ['resetUrl'] },
};

/**
 * Mail that hands over a way into an account (a password, a reset link): while queued, only admins
 * may read it in the outbox, and once delivered its text is dropped.
 */
export const CREDENTIAL_MAIL_KINDS: readonly MailKind[] = [
  'welcome',
  'credentialsReset',
  'passwordResetLink',
  'technicianPasswordResetLink',
];
export const holdsCredentials = (kind: string): boolean =>
  (CREDENTIAL_MAIL_KINDS as readonly string[]).includes(kind);

/** The body is Markdown: the HTML part is rendered from it, the text part is it with values filled in. */
export const MailTemplateSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
});
export type MailTemplate = z.infer<typeof MailTemplateSchema>;

export type MailTemplates = Record<MailKind, Partial<Record<Language, MailTemplate>>>;

const LanguageTemplatesSchema = z.partialRecord(z.enum(LANGUAGES), MailTemplateSchema);
export const MailTemplatesResponseSchema = z.object({
  templates: z.record(z.enum(MAIL_KINDS), LanguageTemplatesSchema),
  /** Kinds and languages whose text differs from the shipped default. */
  customized: z.record(z.enum(MAIL_KINDS), z.array(z.enum(LANGUAGES))),
  placeholders: z.record(
    z.enum(MAIL_KINDS),
    z.object({ all: z.array(z.string()), required: z.array(z.string()) }),
  ),
});
export type MailTemplatesResponse = z.infer<typeof MailTemplatesResponseSchema>;

/** Merged into the stored templates; `null` puts a language back to the shipped default. */
export const MailTemplatesPatchSchema = z.partialRecord(
  z.enum(MAIL_KINDS),
  z.partialRecord(z.enum(LANGUAGES), MailTemplateSchema.nullable()),
);
export type MailTemplatesPatch = z.infer<typeof MailTemplatesPatchSchema>;

export const MailPreviewRequestSchema = MailTemplateSchema.extend({
  kind: z.enum(MAIL_KINDS),
  language: z.enum(LANGUAGES),
});
export type MailPreviewRequest = z.infer<typeof MailPreviewRequestSchema>;

export const RenderedMailSchema = z.object({ subject: z.string(), text: z.string(), html: z.string() });
export type RenderedMail = z.infer<typeof RenderedMailSchema>;

/** SPEC §9 "mail outbox item", with what the console needs to follow delivery. */
export const OutboxMailSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  /**
   * Null when withheld: mail holding a password or a reset link is readable by admins only, and
   * only in outbox mode (without SMTP_URL).
   */
  text: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'failed']),
  /** Delivery tries so far, and why the last one failed (the SMTP server's answer). */
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  ticket: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  createdAt: z.string(),
});
export type OutboxMail = z.infer<typeof OutboxMailSchema>;
