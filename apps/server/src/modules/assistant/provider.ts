import type {
  ActionType,
  AssistantArticle,
  AssistantTicketRef,
  DeviceOs,
  Language,
  ProposedAction,
} from '@atrium/shared';

/**
 * What an assistant provider (SPEC §7) is given and gives back. A provider only talks and picks
 * tools: every tool is bound to the signed-in contact and enforces what they may do in the portal,
 * so nothing a provider is told (a user's message, an article, a ticket) can widen it.
 */

/** An earlier turn of the session, as the provider sees it. */
export type ChatTurn = { role: 'user' | 'assistant'; text: string };

export type KbHit = AssistantArticle & {
  /** Plain text around the matches (no markup). */
  snippet: string;
  language: Language;
};

export type ToolDevice = {
  id: string;
  hostname: string;
  os: DeviceOs;
  online: boolean;
  /** The actions the contact may ask for on it now (settings, its OS, someone signed in). */
  actions: ActionType[];
  /** The approved software the contact may install on it. */
  software: { id: string; name: string }[];
};

export type ToolTicket = AssistantTicketRef & { title: string; status: string; updatedAt: string };

export type ProposalRequest = { type: ActionType; deviceId: string; softwareId?: string };

/** The assistant's hands, bound to one contact: each does only what that contact may do in the portal. */
export type AssistantTools = {
  /** Knowledge base articles the contact may read, best first, in `language` when there are some. */
  searchKb(query: string, language: Language): Promise<KbHit[]>;
  /** The contact's own devices (none of a colleague's). */
  listDevices(): Promise<ToolDevice[]>;
  /**
   * Checks that the contact may ask for this action (their device, a type allowed, software from
   * the catalog for its OS) and returns it as a proposal for them to confirm; nothing runs here.
   */
  proposeAction(request: ProposalRequest): Promise<ProposedAction | { refused: string }>;
  /** The contact's latest tickets, newest first. */
  listTickets(): Promise<ToolTicket[]>;
  /** Hands the conversation to a person: the session's ticket (opened now if it has none). */
  escalate(summary: string): Promise<AssistantTicketRef>;
};

export type ReplyInput = {
  /** The contact's portal language: the fallback when their message does not tell. */
  language: Language;
  /** The session's earlier turns, oldest first. */
  history: ChatTurn[];
  /** What the contact just wrote. */
  message: string;
  tools: AssistantTools;
  /** Text as it is produced, for streaming; the reply's `text` is the whole of it. */
  onText?: (delta: string) => void;
  signal?: AbortSignal;
};

export type AssistantReply = {
  text: string;
  /** The language of the answer: the one the contact wrote in. */
  language: Language;
  articles?: AssistantArticle[];
  proposedAction?: ProposedAction;
  ticket?: AssistantTicketRef;
};

export type AssistantProvider = {
  name: 'builtin' | 'openai';
  reply(input: ReplyInput): Promise<AssistantReply>;
};
