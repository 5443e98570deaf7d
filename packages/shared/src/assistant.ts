import { z } from 'zod';
import { ACTION_STATES, ACTION_TYPES } from './devices';
import { LANGUAGES } from './i18n';

/**
 * The portal's AI assistant (SPEC §7): a chat per session, whose answers may point to knowledge
 * base articles, propose an action on one of the contact's devices (it runs only once the contact
 * confirms it and types the texted code, SPEC §5), or open a ticket.
 */

export const ASSISTANT_MESSAGE_MAX = 2000;

export const AssistantArticleSchema = z.object({ id: z.uuid(), title: z.string() });
export type AssistantArticle = z.infer<typeof AssistantArticleSchema>;

/** What the contact confirms to run: `POST /portal/api/devices/:deviceId/actions` with `{type, softwareId}`. */
export const ProposedActionSchema = z.object({
  type: z.enum(ACTION_TYPES),
  deviceId: z.uuid(),
  softwareId: z.uuid().optional(),
  /** Named in the confirmation: which computer, which software. */
  hostname: z.string(),
  softwareName: z.string().optional(),
});
export type ProposedAction = z.infer<typeof ProposedActionSchema>;

export const AssistantTicketRefSchema = z.object({ id: z.uuid(), number: z.number().int() });
export type AssistantTicketRef = z.infer<typeof AssistantTicketRefSchema>;

export const AssistantMessageSchema = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  /** The language the answer is in: the one the contact wrote in. */
  language: z.enum(LANGUAGES).optional(),
  articles: z.array(AssistantArticleSchema).optional(),
  proposedAction: ProposedActionSchema.optional(),
  /** The action the contact ran from this proposal (the latest, if they ran it again), and its state. */
  action: z.object({ id: z.uuid(), state: z.enum(ACTION_STATES) }).optional(),
  ticket: AssistantTicketRefSchema.optional(),
  createdAt: z.string(),
});
export type AssistantMessage = z.infer<typeof AssistantMessageSchema>;

export const AssistantSessionSchema = z.object({
  id: z.uuid(),
  /** The session's ticket: from the start with `createTicketPerChat`, else once escalated. */
  ticket: AssistantTicketRefSchema.nullable(),
  messages: z.array(AssistantMessageSchema),
  createdAt: z.string(),
});
export type AssistantSession = z.infer<typeof AssistantSessionSchema>;

export const AssistantMessageCreateSchema = z.strictObject({
  text: z.string().trim().min(1).max(ASSISTANT_MESSAGE_MAX),
});
export type AssistantMessageCreate = z.infer<typeof AssistantMessageCreateSchema>;

/** The answer to a message: the contact's message as stored, then the assistant's. */
export const AssistantTurnSchema = z.object({ messages: z.array(AssistantMessageSchema) });
export type AssistantTurn = z.infer<typeof AssistantTurnSchema>;

/** A session as technicians review it: every message, the assistant's tool calls included. */
export const AssistantSessionReviewSchema = z.object({
  id: z.uuid(),
  contact: z.object({ id: z.uuid(), name: z.string() }),
  ticket: AssistantTicketRefSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messages: z.array(
    z.object({
      id: z.uuid(),
      role: z.enum(['user', 'assistant', 'tool']),
      /** A tool message's text is the tool's name; its arguments and result are in `data`. */
      text: z.string(),
      language: z.enum(LANGUAGES).nullable(),
      data: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
});
export type AssistantSessionReview = z.infer<typeof AssistantSessionReviewSchema>;

export const AssistantSessionListQuerySchema = z.strictObject({
  contactId: z.uuid().optional(),
  ticketId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AssistantSessionListQuery = z.infer<typeof AssistantSessionListQuerySchema>;
