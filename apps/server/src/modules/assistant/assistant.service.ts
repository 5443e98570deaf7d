import {
  type AssistantMessage,
  type AssistantSession,
  type AssistantSessionListQuery,
  type AssistantSessionReview,
  type AssistantTicketRef,
  type AssistantTurn,
  type Language,
  type PortalActionRequested,
  ProposedActionSchema,
} from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor, TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { findContactById } from '../contacts/contacts.repo';
import { hasFeature, requireFeature } from '../portal/portal.policy';
import type { PortalConfigSource } from '../portal/portal-config';
import type { TicketWrites } from '../tickets/ticket-writes';
import {
  actionsOfProposals,
  countRecentUserMessages,
  findContactSession,
  insertAssistantAction,
  insertMessages,
  insertSession,
  linkTicket,
  listMessages,
  listSessionViews,
  lockSession,
  type MessageRow,
  type NewMessage,
  type SessionRow,
  type SessionView,
} from './assistant.repo';
import { createAssistantTools, type PortalServices, type ToolCall } from './assistant-tools';
import { detectLanguage } from './language';
import type { AssistantProvider, AssistantReply, ChatTurn } from './provider';
import { ESCALATED_TEXT, ESCALATION_REQUEST, transcriptOf } from './transcript';

/** Messages a contact may send the assistant in a window: a chat's pace, not a script's (providers cost). */
const MESSAGES_PER_WINDOW = 30;
const MESSAGE_WINDOW_SECONDS = 10 * 60;
/** Earlier turns a provider is shown: enough for "yes, that one", not a whole day's chat. */
const HISTORY_TURNS = 20;
const TICKET_TITLE_CHARS = 80;

function presentMessage(row: MessageRow): AssistantMessage {
  const data = row.data as Partial<Pick<AssistantMessage, 'articles' | 'proposedAction' | 'ticket'>>;
  return {
    id: row.id,
    role: row.role === 'user' ? 'user' : 'assistant',
    text: row.text,
    ...(row.language ? { language: row.language } : {}),
    ...(data.articles?.length ? { articles: data.articles } : {}),
    ...(data.proposedAction ? { proposedAction: data.proposedAction } : {}),
    ...(data.ticket ? { ticket: data.ticket } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the contact sees of a session: their words and the assistant's, not its tool calls. */
const visible = (rows: MessageRow[], actions = new Map<string, AssistantMessage['action']>()) =>
  rows
    .filter((row) => row.role !== 'tool')
    .map((row) => {
      const action = actions.get(row.id);
      return { ...presentMessage(row), ...(action ? { action } : {}) };
    });

function titleOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= TICKET_TITLE_CHARS ? line : `${line.slice(0, TICKET_TITLE_CHARS - 1)}…`;
}

/**
 * The portal's assistant (SPEC §7): sessions of a contact, each message answered by the configured
 * provider with tools bound to that contact; every message and tool call stored; the session's
 * ticket, when there is one, holds the transcript.
 */
export function createAssistantService(
  db: Db,
  portalConfig: PortalConfigSource,
  portal: PortalServices,
  writes: TicketWrites,
  provider: AssistantProvider,
) {
  async function settingsFor(actor: ContactActor) {
    const { settings } = await portalConfig.get();
    requireFeature(settings, actor, 'aiAssistant');
    return settings;
  }

  async function sessionOf(actor: ContactActor, id: string) {
    const found = await findContactSession(db, actor.id, id);
    if (!found) throw new AppError('not_found', 'No conversation with this id.');
    return found;
  }

  const ticketRef = (session: SessionRow, number: number | null): AssistantTicketRef | null =>
    session.ticketId && number !== null ? { id: session.ticketId, number } : null;

  /**
   * The session's ticket, opened now if it has none, holding the transcript so far. A contact
   * with tickets switched off gets none: nobody could follow it up with them.
   */
  async function ensureTicket(
    tx: Db,
    actor: ContactActor,
    session: SessionRow,
    title: string,
    transcript: string,
  ): Promise<AssistantTicketRef> {
    const { settings } = await portalConfig.get();
    if (!hasFeature(settings, actor, 'ticketing')) {
      throw new AppError('forbidden', 'Tickets are not available to you: contact your IT provider directly.');
    }
    const existing = await ticketOf(tx, actor, session);
    if (existing) return existing;
    const ticket = await writes.writeTicket(tx, actor, {
      title: titleOf(title),
      description: transcript,
      customerId: actor.customerId,
      contactId: actor.id,
      source: 'assistant',
    });
    await linkTicket(tx, session.id, ticket.id);
    session.ticketId = ticket.id;
    return { id: ticket.id, number: ticket.number };
  }

  /** The ticket the session has, if any. */
  async function ticketOf(tx: Db, actor: ContactActor, session: SessionRow) {
    if (!session.ticketId) return undefined;
    const found = await findContactSession(tx, actor.id, session.id);
    return ticketRef(session, found?.ticketNumber ?? null) ?? undefined;
  }

  return {
    async createSession(actor: ContactActor): Promise<AssistantSession> {
      await settingsFor(actor);
      const row = await insertSession(db, actor.id);
      return { id: row.id, ticket: null, messages: [], createdAt: row.createdAt.toISOString() };
    },

    async getSession(actor: ContactActor, id: string): Promise<AssistantSession> {
      await settingsFor(actor);
      const { session, ticketNumber } = await sessionOf(actor, id);
      const rows = await listMessages(db, session.id);
      const proposals = rows.filter((row) => 'proposedAction' in row.data).map((row) => row.id);
      return {
        id: session.id,
        ticket: ticketRef(session, ticketNumber),
        messages: visible(rows, await actionsOfProposals(db, proposals)),
        createdAt: session.createdAt.toISOString(),
      };
    },

    /**
     * The contact's message and the assistant's answer. The message is stored before the provider
     * is asked, so what the contact typed is kept even if the answer fails; the answer, its tool
     * calls and the ticket's transcript are stored together.
     */
    async send(
      actor: ContactActor,
      id: string,
      text: string,
      onText?: (delta: string) => void,
      signal?: AbortSignal,
    ): Promise<AssistantTurn> {
      const settings = await settingsFor(actor);
      const { session } = await sessionOf(actor, id);
      if ((await countRecentUserMessages(db, actor.id, MESSAGE_WINDOW_SECONDS)) >= MESSAGES_PER_WINDOW) {
        throw new AppError('rate_limited', 'You sent many messages in a short time. Wait a few minutes.');
      }
      const contact = await findContactById(db, actor.id);
      if (!contact) throw new AppError('unauthenticated');
      const history: ChatTurn[] = visible(await listMessages(db, session.id))
        .slice(-HISTORY_TURNS)
        .map((message) => ({ role: message.role, text: message.text }));
      const language = detectLanguage(text, contact.language as Language);
      const [userRow] = await insertMessages(db, session.id, [{ role: 'user', text, language }]);
      if (!userRow) throw new Error('insert returned no row');

      const asked: ChatTurn[] = [...history, { role: 'user', text }];
      // A ticket the session had before this turn holds the turns so far; one opened now has this message in its description.
      const hadTicket = session.ticketId !== null;
      // A person is asked for now, not once the answer is stored: the ticket stands even if the answer fails.
      const { tools, calls } = createAssistantTools(actor, portal, (summary) =>
        db.transaction(async (tx) => {
          const locked = (await lockSession(tx, session.id)) ?? session;
          const existed = locked.ticketId !== null;
          const ticket = await ensureTicket(tx, actor, locked, text, transcriptOf(actor.name, asked));
          // The ticket was there already (one per chat): its technicians hear that a person is wanted.
          if (existed) {
            const body = `${ESCALATION_REQUEST[contact.language as Language]}\n\n${summary}`;
            await writes.writeComment(tx, actor, ticket, { body, internal: false, uploads: [] });
          }
          return ticket;
        }),
      );
      const reply = await provider.reply({
        language: contact.language as Language,
        history,
        message: text,
        tools,
        ...(onText ? { onText } : {}),
        ...(signal ? { signal } : {}),
      });

      const answerRow = await db.transaction(async (tx) => {
        const locked = (await lockSession(tx, session.id)) ?? session;
        const ticket =
          locked.ticketId === null && settings.features.aiAssistant.createTicketPerChat
            ? await ensureTicket(tx, actor, locked, text, transcriptOf(actor.name, asked))
            : (reply.ticket ?? (await ticketOf(tx, actor, locked)));
        const [answer] = (
          await insertMessages(tx, session.id, [
            ...calls.map(toolMessage),
            answerMessage(ticket ? { ...reply, ticket } : reply),
          ])
        ).slice(-1);
        if (!answer) throw new Error('insert returned no row');
        if (ticket) {
          // A ticket opened in this turn has the contact's words in its description already.
          const turn: ChatTurn[] = hadTicket ? [{ role: 'user', text }] : [];
          const body = transcriptOf(actor.name, [...turn, { role: 'assistant', text: answer.text }], reply);
          await writes.writeAssistantTurn(tx, actor, ticket, body);
        }
        return answer;
      });
      return { messages: [presentMessage(userRow), presentMessage(answerRow)] };
    },

    /**
     * The contact confirms a proposal: the action is asked for as on My devices (their device, the
     * rules, then the texted code), and the chat follows how it goes.
     */
    async runProposal(actor: ContactActor, id: string, messageId: string): Promise<PortalActionRequested> {
      await settingsFor(actor);
      await sessionOf(actor, id);
      const message = (await listMessages(db, id)).find((row) => row.id === messageId);
      const proposal = ProposedActionSchema.safeParse(message?.data.proposedAction);
      if (!proposal.success)
        throw new AppError('not_found', 'No proposal with this id in this conversation.');
      const { type, deviceId, softwareId } = proposal.data;
      return portal.portalDevices.request(
        actor,
        deviceId,
        { type, ...(softwareId ? { softwareId } : {}) },
        (tx, action) => insertAssistantAction(tx, action.id, messageId),
      );
    },

    /** Technicians review the chats: sessions newest first, filtered by contact or ticket. */
    async listForReview(_actor: TechnicianActor, query: AssistantSessionListQuery) {
      const { page, pageSize, ...filter } = query;
      const { items, total } = await listSessionViews(db, filter, { page, pageSize });
      return { items: items.map((view) => presentReview(view, [])), total };
    },

    /** One session with every message, the tool calls and what they returned included. */
    async review(_actor: TechnicianActor, id: string): Promise<AssistantSessionReview> {
      const [view] = (await listSessionViews(db, { id }, { page: 1, pageSize: 1 })).items;
      if (!view) throw new AppError('not_found', 'No conversation with this id.');
      return presentReview(view, await listMessages(db, id));
    },

    /** "Talk to a person": the session's ticket, opened with the transcript if it has none. */
    async escalate(actor: ContactActor, id: string): Promise<AssistantTicketRef> {
      await settingsFor(actor);
      const { session } = await sessionOf(actor, id);
      const contact = await findContactById(db, actor.id);
      if (!contact) throw new AppError('unauthenticated');
      return db.transaction(async (tx) => {
        const locked = (await lockSession(tx, session.id)) ?? session;
        const turns = visible(await listMessages(tx, session.id)).map((message) => ({
          role: message.role,
          text: message.text,
        }));
        const ticket = await ensureTicket(
          tx,
          actor,
          locked,
          turns.find((turn) => turn.role === 'user')?.text ?? ESCALATED_TEXT[contact.language as Language],
          transcriptOf(actor.name, turns),
        );
        await insertMessages(tx, session.id, [
          {
            role: 'assistant',
            text: ESCALATED_TEXT[contact.language as Language],
            language: contact.language as Language,
            data: { ticket },
          },
        ]);
        return ticket;
      });
    },
  };
}

function presentReview(view: SessionView, messages: MessageRow[]): AssistantSessionReview {
  const { session, contactName, ticketNumber } = view;
  return {
    id: session.id,
    contact: { id: session.contactId, name: contactName },
    ticket: session.ticketId && ticketNumber !== null ? { id: session.ticketId, number: ticketNumber } : null,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
    messages: messages.map((row) => ({
      id: row.id,
      role: row.role,
      text: row.text,
      language: row.language,
      data: row.data,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

function toolMessage(call: ToolCall): NewMessage {
  return { role: 'tool', text: call.name, data: { args: call.args, result: call.result } };
}

function answerMessage(reply: AssistantReply): NewMessage {
  return {
    role: 'assistant',
    text: reply.text,
    language: reply.language,
    data: {
      ...(reply.articles?.length ? { articles: reply.articles } : {}),
      ...(reply.proposedAction ? { proposedAction: reply.proposedAction } : {}),
      ...(reply.ticket ? { ticket: reply.ticket } : {}),
    },
  };
}

export type AssistantService = ReturnType<typeof createAssistantService>;
