import { z } from 'zod';
import { PageQuerySchema } from './lists';

// ---------- email settings (SPEC §8): what inbound mail does with senders no customer owns, and with spam

/** `create-unassigned-contact`: a contact with no customer, whom a technician assigns later. */
export const UNKNOWN_SENDER_POLICIES = ['create-unassigned-contact', 'reject'] as const;
export type UnknownSenderPolicy = (typeof UNKNOWN_SENDER_POLICIES)[number];

export const EmailSettingsSchema = z.object({
  unknownSenders: z.enum(UNKNOWN_SENDER_POLICIES),
  /** Mail the receiving server's filter marked as spam (`X-Spam-Flag: YES`) is logged as ignored unless this is on. */
  importSpam: z.boolean(),
});
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;

export const DEFAULT_EMAIL_SETTINGS: EmailSettings = {
  unknownSenders: 'create-unassigned-contact',
  importSpam: false,
};

/** PATCH /api/v1/settings/email: what is given replaces, the rest stays. */
export const EmailSettingsPatchSchema = z.strictObject(EmailSettingsSchema.shape).partial();
export type EmailSettingsPatch = z.infer<typeof EmailSettingsPatchSchema>;

// ---------- inbound mail log: every message received, and what became of it

export const INBOUND_MAIL_SOURCES = ['smtp', 'imap'] as const;
export type InboundMailSource = (typeof INBOUND_MAIL_SOURCES)[number];

/**
 * `imported`: it opened a ticket or became a comment; `ignored`: an auto-reply, bounce, bulk mail or spam;
 * `rejected`: a sender the settings refuse, or too large; `failed`: it could not be read.
 */
export const INBOUND_MAIL_STATUSES = ['imported', 'ignored', 'rejected', 'failed'] as const;
export type InboundMailStatus = (typeof INBOUND_MAIL_STATUSES)[number];

export const InboundMailSchema = z.object({
  id: z.uuid(),
  source: z.enum(INBOUND_MAIL_SOURCES),
  messageId: z.string().nullable(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number().int(),
  status: z.enum(INBOUND_MAIL_STATUSES),
  reason: z.string().nullable(),
  ticket: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  commentId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  receivedAt: z.string(),
});
export type InboundMail = z.infer<typeof InboundMailSchema>;

export const InboundMailListQuerySchema = PageQuerySchema.extend({
  status: z.enum(INBOUND_MAIL_STATUSES).optional(),
});
export type InboundMailListQuery = z.infer<typeof InboundMailListQuerySchema>;
