import { z } from 'zod';
import { DateTimeSchema } from './dates';
import { ACTION_TYPES } from './devices';
import { LANGUAGES } from './i18n';
import { TicketEventSchema } from './ticket-events';

export const FEATURES = ['ticketing', 'knowledgeBase', 'aiAssistant', 'selfService'] as const;
export type Feature = (typeof FEATURES)[number];

export const DEFAULT_STATUSES = ['Open', 'Pending', 'Resolved', 'Closed'] as const;

export const FIELD_VISIBILITIES = ['edit', 'read-only', 'hidden'] as const;
export const DEFAULT_FIELDS = ['priority', 'type', 'impact', 'status', 'technician', 'dueDate'] as const;

const CustomerScopeSchema = z.union([z.literal('all'), z.array(z.uuid()).max(10_000)]);
const FeatureAccessSchema = z.object({ enabled: z.boolean(), customers: CustomerScopeSchema });
const FieldVisibilitySchema = z.enum(FIELD_VISIBILITIES);

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export const BrandingSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** An https URL or a small data: image; shown in both apps' headers. */
  logoUrl: z
    .string()
    .max(200_000)
    .regex(/^(https:\/\/|data:image\/(png|jpeg|gif|webp|svg\+xml);base64,)/)
    .nullable(),
  accentColor: z.string().regex(HEX_COLOR),
});
export type Branding = z.infer<typeof BrandingSchema>;

/** The stored portal settings (SPEC §9 "Shapes"); `portalUrl` is derived, never stored. */
export const PortalSettingsSchema = z.object({
  customDomain: z.string().max(253).nullable(),
  welcomeEmail: z.object({ enabled: z.boolean() }),
  features: z.object({
    ticketing: FeatureAccessSchema,
    knowledgeBase: FeatureAccessSchema,
    aiAssistant: FeatureAccessSchema.extend({
      createTicketPerChat: z.boolean(),
      disableManualTickets: z.boolean(),
    }),
    selfService: FeatureAccessSchema.extend({ actions: z.array(z.enum(ACTION_TYPES)) }),
  }),
  visibleStatuses: z.array(z.string().min(1).max(50)),
  ticketsCannotBeReopened: z.boolean(),
  fieldVisibility: z.object({
    priority: FieldVisibilitySchema,
    type: FieldVisibilitySchema,
    impact: FieldVisibilitySchema,
    status: FieldVisibilitySchema,
    technician: FieldVisibilitySchema,
    dueDate: FieldVisibilitySchema,
  }),
  branding: BrandingSchema,
});
export type PortalSettings = z.infer<typeof PortalSettingsSchema>;

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  customDomain: null,
  welcomeEmail: { enabled: true },
  features: {
    ticketing: { enabled: true, customers: 'all' },
    knowledgeBase: { enabled: true, customers: 'all' },
    aiAssistant: {
      enabled: false,
      customers: 'all',
      createTicketPerChat: false,
      disableManualTickets: false,
    },
    selfService: { enabled: false, customers: 'all', actions: [...ACTION_TYPES] },
  },
  visibleStatuses: [...DEFAULT_STATUSES],
  ticketsCannotBeReopened: false,
  fieldVisibility: {
    priority: 'edit',
    type: 'edit',
    impact: 'read-only',
    status: 'read-only',
    technician: 'read-only',
    dueDate: 'hidden',
  },
  branding: { name: 'Atrium', logoUrl: null, accentColor: '#2563eb' },
};

export const PortalContactSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  username: z.string(),
  phone: z.string().nullable(),
  isPrimary: z.boolean(),
  language: z.enum(LANGUAGES),
});

/** GET /portal/api/me: who is signed in and what the portal offers them right now. */
export const PortalMeSchema = z.object({
  contact: PortalContactSchema,
  customer: z.object({ id: z.uuid(), name: z.string() }),
  features: z.object({
    ticketing: z.boolean(),
    knowledgeBase: z.boolean(),
    aiAssistant: z.boolean(),
    selfService: z.boolean(),
    newTicket: z.boolean(),
  }),
  fields: z.record(z.string(), z.enum(FIELD_VISIBILITIES)),
  /** The custom ticket fields contacts fill in (portal visibility `edit`), in form order. */
  customFields: z.array(
    z.object({
      key: z.string(),
      label: z.record(z.string(), z.string()),
      type: z.enum(['text', 'number', 'date', 'select', 'checkbox']),
      options: z.array(z.object({ value: z.string(), label: z.record(z.string(), z.string()) })),
      required: z.boolean(),
    }),
  ),
  /** The statuses contacts may see, in order; `closed` ones count as finished. */
  statuses: z.array(z.object({ name: z.string(), closed: z.boolean() })),
  /** False when finished tickets stay closed: marking one resolved is then final, and the portal asks first. */
  ticketsCanBeReopened: z.boolean(),
  language: z.enum(LANGUAGES),
  /**
   * Signed in with a password Atrium generated: until the contact chooses their own
   * (POST /portal/api/auth/password), every other portal route answers `password_change_required`.
   */
  mustChangePassword: z.boolean(),
});
export type PortalMe = z.infer<typeof PortalMeSchema>;

export const PortalMeUpdateSchema = z.strictObject({ language: z.enum(LANGUAGES) });

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** PATCH /api/v1/settings/portal: any part of the settings; what is given replaces, the rest stays. */
export const PortalSettingsPatchSchema = z.strictObject({
  customDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(HOSTNAME, 'must be a host name such as help.example.com')
    .nullable()
    .optional(),
  welcomeEmail: z.strictObject({ enabled: z.boolean() }).partial().optional(),
  features: z
    .strictObject({
      ticketing: z.strictObject(FeatureAccessSchema.shape).partial(),
      knowledgeBase: z.strictObject(FeatureAccessSchema.shape).partial(),
      aiAssistant: z.strictObject(PortalSettingsSchema.shape.features.shape.aiAssistant.shape).partial(),
      selfService: z.strictObject(PortalSettingsSchema.shape.features.shape.selfService.shape).partial(),
    })
    .partial()
    .optional(),
  visibleStatuses: z.array(z.string().min(1).max(50)).min(1).max(50).optional(),
  ticketsCannotBeReopened: z.boolean().optional(),
  fieldVisibility: z.strictObject(PortalSettingsSchema.shape.fieldVisibility.shape).partial().optional(),
  branding: z.strictObject(BrandingSchema.shape).partial().optional(),
});
export type PortalSettingsPatch = z.infer<typeof PortalSettingsPatchSchema>;

/** What GET|PATCH /api/v1/settings/portal return: the stored settings plus the derived portal URL. */
export const PortalSettingsResponseSchema = PortalSettingsSchema.extend({ portalUrl: z.string() });
export type PortalSettingsResponse = z.infer<typeof PortalSettingsResponseSchema>;

// ---------- portal tickets (SPEC §3, §4, §9): what a contact sees and may send

export const PORTAL_SCOPES = ['mine', 'company'] as const;

/** Why a ticket is read-only for the contact, when it is; the portal explains it in their language. */
export const READ_ONLY_REASONS = ['billed'] as const;

export const PortalTicketSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  descriptionHtml: z.string(),
  // Each default field is absent when hidden from contacts.
  status: z.string().optional(),
  priority: z.string().optional(),
  type: z.string().optional(),
  impact: z.string().optional(),
  technician: z.object({ id: z.uuid(), name: z.string() }).nullable().optional(),
  dueDate: z.string().nullable().optional(),
  /** Only the custom fields contacts may see (portal visibility `edit`). */
  customFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  billed: z.boolean(),
  contact: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The earlier ticket this one continues (a reply to a ticket that could not be reopened). */
  followUpOf: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  permissions: z.object({
    reply: z.boolean(),
    edit: z.boolean(),
    reopen: z.boolean(),
    resolve: z.boolean(),
  }),
  readOnlyReason: z.enum(READ_ONLY_REASONS).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PortalTicket = z.infer<typeof PortalTicketSchema>;
/** A ticket as lists show it: without the description, which only the ticket page shows. */
export const PortalTicketSummarySchema = PortalTicketSchema.omit({
  description: true,
  descriptionHtml: true,
});
export type PortalTicketSummary = z.infer<typeof PortalTicketSummarySchema>;

export const PortalTicketListQuerySchema = z.object({
  scope: z.enum(PORTAL_SCOPES).default('mine'),
  status: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PortalTicketListQuery = z.infer<typeof PortalTicketListQuerySchema>;

const PortalFieldValues = {
  priority: z.enum(['Low', 'Medium', 'High', 'Critical']).optional(),
  type: z.enum(['Problem', 'Incident', 'Request', 'Question', 'Change', 'Other']).optional(),
  impact: z.enum(['None', 'Minor', 'Major', 'Site down', 'Crisis']).optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
};

/** Only fields set to `edit` in the portal settings are accepted; the server checks which. */
export const PortalTicketCreateSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(50_000),
  ...PortalFieldValues,
  dueDate: DateTimeSchema.nullable().optional(),
});
export type PortalTicketCreate = z.infer<typeof PortalTicketCreateSchema>;

export const PortalTicketUpdateSchema = z.strictObject({
  ...PortalFieldValues,
  status: z.string().min(1).max(50).optional(),
  dueDate: DateTimeSchema.nullable().optional(),
});
export type PortalTicketUpdate = z.infer<typeof PortalTicketUpdateSchema>;

export const PortalCommentCreateSchema = z.strictObject({ body: z.string().trim().min(1).max(50_000) });

export const PortalCommentSchema = z.object({
  id: z.uuid(),
  author: z.object({ type: z.enum(['contact', 'technician', 'assistant', 'system']), name: z.string() }),
  body: z.string(),
  bodyHtml: z.string(),
  attachments: z.array(
    z.object({
      id: z.uuid(),
      filename: z.string(),
      contentType: z.string(),
      size: z.number(),
      url: z.string(),
    }),
  ),
  createdAt: z.string(),
});
export type PortalComment = z.infer<typeof PortalCommentSchema>;

/**
 * A change in a ticket's history that the contact may see, by whoever made it: its status (when the
 * portal shows statuses), its billing, its technician (when the portal shows who has it).
 */
export const PortalTicketEventSchema = TicketEventSchema.extend({
  author: TicketEventSchema.shape.author.omit({ id: true }),
});
export type PortalTicketEvent = z.infer<typeof PortalTicketEventSchema>;

/** A reply: the comment, and the ticket it landed on (a new follow-up ticket when the old one may not reopen). */
export const PortalReplyResultSchema = z.object({ comment: PortalCommentSchema, ticket: PortalTicketSchema });

// ---------- portal knowledge base

export const PortalKbArticleSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  bodyHtml: z.string(),
  language: z.enum(LANGUAGES),
  category: z.object({ id: z.uuid(), name: z.record(z.string(), z.string()) }).nullable(),
  translations: z.array(z.object({ id: z.uuid(), language: z.enum(LANGUAGES), title: z.string() })),
  helpful: z.number().int(),
  updatedAt: z.string(),
});
export type PortalKbArticle = z.infer<typeof PortalKbArticleSchema>;

export const PortalKbArticleQuerySchema = z.object({ language: z.enum(LANGUAGES).optional() });
export const PortalKbFeedbackSchema = z.strictObject({ helpful: z.boolean() });
