import {
  type ActionType,
  AssistantSessionSchema,
  AssistantTicketRefSchema,
  type AssistantTurn,
  AssistantTurnSchema,
  type CodeInput,
  type ContactForgotPassword,
  type ContactLogin,
  ForgotPasswordAcceptedSchema,
  type KbArticleListQuery,
  KbArticleSummarySchema,
  KbCategorySchema,
  type Language,
  listOf,
  type PasswordChange,
  type PasswordChoice,
  type PasswordReset,
  type PhoneEnrol,
  PortalActionRequestedSchema,
  PortalActionSchema,
  PortalCommentSchema,
  PortalDeviceSchema,
  PortalKbArticleSchema,
  type PortalKbFeedbackSchema,
  PortalMeSchema,
  type PortalMeUpdateSchema,
  PortalReplyResultSchema,
  type PortalTicketCreate,
  PortalTicketEventSchema,
  type PortalTicketListQuery,
  PortalTicketSchema,
  PortalTicketSummarySchema,
  type PortalTicketUpdate,
  TwoFactorStatusSchema,
} from '@atrium/shared';
import { z } from 'zod';
import { ApiError, api, apiResponse, withQuery } from '../lib/api';
import { readServerEvents } from './assistant/server-events';

export type PortalMeUpdate = z.input<typeof PortalMeUpdateSchema>;
/** A list query as sent: the API's query fields, each optional (the server fills in its defaults). */
export type TicketListQuery = Partial<PortalTicketListQuery>;
/** The portal's article list takes the technicians' query without `status` and `shared`. */
export type ArticleListQuery = Partial<Omit<KbArticleListQuery, 'status' | 'shared'>>;
export type KbFeedback = z.input<typeof PortalKbFeedbackSchema>;

const TicketListSchema = listOf(PortalTicketSummarySchema);
const ArticleListSchema = listOf(KbArticleSummarySchema);
const CategoryListSchema = z.object({ items: z.array(KbCategorySchema) });
const CommentListSchema = z.object({ items: z.array(PortalCommentSchema) });
const EventListSchema = z.object({ items: z.array(PortalTicketEventSchema) });

const ticketPath = (id: string) => `/portal/api/tickets/${encodeURIComponent(id)}`;
const DeviceListSchema = z.array(PortalDeviceSchema);

const articlePath = (id: string) => `/portal/api/kb/articles/${encodeURIComponent(id)}`;
const actionPath = (id: string) => `/portal/api/actions/${encodeURIComponent(id)}`;
const assistantPath = (id: string) => `/portal/api/assistant/sessions/${encodeURIComponent(id)}`;

const SessionEnvelopeSchema = z.object({ session: AssistantSessionSchema });
const EscalationSchema = z.object({ ticket: AssistantTicketRefSchema });
const DeltaSchema = z.object({ text: z.string() });
const StreamErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * Sends a message and streams the answer: `onDelta` gets each piece of text as it is written, and
 * the turn as stored (both messages) is returned at the end. A refusal before the answer starts
 * (429, 404) throws like any call; a failure while it streams throws its own code.
 */
async function sendAssistantMessage(
  sessionId: string,
  text: string,
  onDelta: (text: string) => void,
  signal?: AbortSignal,
): Promise<AssistantTurn> {
  const path = `${assistantPath(sessionId)}/messages`;
  const response = await apiResponse(path, {
    method: 'POST',
    body: { text },
    accept: 'text/event-stream',
    signal,
  });
  if (!response.body) throw new ApiError(response.status, 'invalid_response', `${path} sent no body`);
  let turn: AssistantTurn | undefined;
  const parse = <S extends z.ZodType>(schema: S, data: string): z.output<S> => {
    try {
      return schema.parse(JSON.parse(data));
    } catch (cause) {
      throw new ApiError(response.status, 'invalid_response', `${path} streamed an unexpected event`, {
        cause,
      });
    }
  };
  try {
    await readServerEvents(response.body, ({ event, data }) => {
      if (event === 'delta') onDelta(parse(DeltaSchema, data).text);
      else if (event === 'done') turn = parse(AssistantTurnSchema, data);
      else if (event === 'error') {
        const { error } = parse(StreamErrorSchema, data);
        throw new ApiError(response.status, error.code, error.message);
      }
    });
  } catch (cause) {
    if (cause instanceof ApiError || signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', `${path} stopped streaming`, { cause });
  }
  // The connection dropped before the end: what was stored is unknown until the session is read again.
  if (!turn) throw new ApiError(response.status, 'network_error', `${path} ended before its answer`);
  return turn;
}

/** A new ticket as multipart: the same text fields, custom fields as one JSON field, and the files. */
function ticketForm(input: PortalTicketCreate, files: readonly File[]): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    form.append(key, key === 'customFields' ? JSON.stringify(value) : String(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return form;
}

export const portalApi = {
  getMe: () => api('/portal/api/me', { schema: PortalMeSchema }),
  signIn: (body: ContactLogin) =>
    api('/portal/api/auth/login', { method: 'POST', body, schema: PortalMeSchema }),
  signOut: () => api('/portal/api/auth/logout', { method: 'POST' }),
  updateMe: (body: PortalMeUpdate) =>
    api('/portal/api/me', { method: 'PATCH', body, schema: PortalMeSchema }),
  changePassword: (body: PasswordChange) => api('/portal/api/me/password', { method: 'POST', body }),
  /** After signing in with a generated password: the contact's own, without the current one. */
  choosePassword: (body: PasswordChoice) => api('/portal/api/auth/password', { method: 'POST', body }),
  forgotPassword: (body: ContactForgotPassword) =>
    api('/portal/api/auth/forgot', { method: 'POST', body, schema: ForgotPasswordAcceptedSchema }),
  resetPassword: (body: PasswordReset) => api('/portal/api/auth/reset', { method: 'POST', body }),

  // ---------- tickets

  listTickets: (query: TicketListQuery, signal?: AbortSignal) =>
    api(withQuery('/portal/api/tickets', query), { schema: TicketListSchema, signal }),
  getTicket: (id: string, signal?: AbortSignal) =>
    api(ticketPath(id), { schema: PortalTicketSchema, signal }),
  createTicket: (input: PortalTicketCreate, files: readonly File[] = []) =>
    files.length > 0
      ? api('/portal/api/tickets', {
          method: 'POST',
          body: ticketForm(input, files),
          schema: PortalTicketSchema,
        })
      : api('/portal/api/tickets', { method: 'POST', body: input, schema: PortalTicketSchema }),
  updateTicket: (id: string, body: PortalTicketUpdate) =>
    api(ticketPath(id), { method: 'PATCH', body, schema: PortalTicketSchema }),
  listComments: (id: string, signal?: AbortSignal) =>
    api(`${ticketPath(id)}/comments`, { schema: CommentListSchema, signal }),
  /** Status, billing and technician changes, oldest first, as far as the portal shows those fields. */
  listEvents: (id: string, signal?: AbortSignal) =>
    api(`${ticketPath(id)}/events`, { schema: EventListSchema, signal }),
  /** The answer's ticket is another one when the reply opened a follow-up (the old one may not reopen). */
  reply: (id: string, body: string, files: readonly File[] = []) => {
    if (files.length === 0) {
      return api(`${ticketPath(id)}/comments`, {
        method: 'POST',
        body: { body },
        schema: PortalReplyResultSchema,
      });
    }
    const form = new FormData();
    form.append('body', body);
    for (const file of files) form.append('files', file, file.name);
    return api(`${ticketPath(id)}/comments`, { method: 'POST', body: form, schema: PortalReplyResultSchema });
  },
  reopen: (id: string) => api(`${ticketPath(id)}/reopen`, { method: 'POST', schema: PortalTicketSchema }),
  resolve: (id: string) => api(`${ticketPath(id)}/resolve`, { method: 'POST', schema: PortalTicketSchema }),

  // ---------- knowledge base

  listCategories: (signal?: AbortSignal) =>
    api('/portal/api/kb/categories', { schema: CategoryListSchema, signal }),
  listArticles: (query: ArticleListQuery, signal?: AbortSignal) =>
    api(withQuery('/portal/api/kb/articles', query), { schema: ArticleListSchema, signal }),
  /** In `language` when the article has that translation, else as written. */
  getArticle: (id: string, language: Language, signal?: AbortSignal) =>
    api(withQuery(articlePath(id), { language }), { schema: PortalKbArticleSchema, signal }),
  sendFeedback: (id: string, body: KbFeedback) =>
    api(`${articlePath(id)}/feedback`, { method: 'POST', body }),

  // ---------- my devices (self-service)

  listDevices: (signal?: AbortSignal) => api('/portal/api/devices', { schema: DeviceListSchema, signal }),
  /** The action waits for the code texted to the contact's confirmed number; an install names its catalog entry. */
  requestAction: (deviceId: string, type: ActionType, softwareId?: string) =>
    api(`/portal/api/devices/${encodeURIComponent(deviceId)}/actions`, {
      method: 'POST',
      body: { type, softwareId },
      schema: PortalActionRequestedSchema,
    }),
  /** A fresh code for an action that still waits for one (the last one expired, or the page was reloaded). */
  resendCode: (id: string) =>
    api(`${actionPath(id)}/code`, { method: 'POST', schema: PortalActionRequestedSchema }),
  verifyAction: (id: string, body: CodeInput) =>
    api(`${actionPath(id)}/verify`, { method: 'POST', body, schema: PortalActionSchema }),
  getAction: (id: string, signal?: AbortSignal) =>
    api(actionPath(id), { schema: PortalActionSchema, signal }),

  // ---------- assistant

  createAssistantSession: () =>
    api('/portal/api/assistant/sessions', { method: 'POST', schema: SessionEnvelopeSchema }),
  getAssistantSession: (id: string, signal?: AbortSignal) =>
    api(assistantPath(id), { schema: SessionEnvelopeSchema, signal }),
  sendAssistantMessage,
  /** The contact confirms a proposal: it waits for the texted code, as on My devices, and the chat follows it. */
  runProposal: (sessionId: string, messageId: string) =>
    api(`${assistantPath(sessionId)}/messages/${encodeURIComponent(messageId)}/run`, {
      method: 'POST',
      schema: PortalActionRequestedSchema,
    }),
  /** "Talk to a person": the conversation's ticket, opened with its transcript if it has none. */
  escalateAssistantSession: (id: string) =>
    api(`${assistantPath(id)}/escalate`, { method: 'POST', schema: EscalationSchema }),

  // ---------- mobile number for the codes

  getTwoFactor: (signal?: AbortSignal) => api('/portal/api/2fa', { schema: TwoFactorStatusSchema, signal }),
  /** Saves the number and texts it a code; it is the contact's once the code is confirmed. */
  sendPhoneCode: (body: PhoneEnrol) =>
    api('/portal/api/2fa/phone', { method: 'POST', body, schema: TwoFactorStatusSchema }),
  verifyPhone: (body: CodeInput) =>
    api('/portal/api/2fa/verify', { method: 'POST', body, schema: TwoFactorStatusSchema }),
  removePhone: () => api('/portal/api/2fa/phone', { method: 'DELETE', schema: TwoFactorStatusSchema }),
};
