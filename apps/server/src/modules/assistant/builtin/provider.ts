import type { Language } from '@atrium/shared';
import { detectLanguage } from '../language';
import type {
  AssistantProvider,
  AssistantReply,
  ChatTurn,
  KbHit,
  ProposalRequest,
  ReplyInput,
  ToolDevice,
} from '../provider';
import {
  type DeviceActionType,
  foreignHostnames,
  keywords,
  namedDevices,
  type Reading,
  readMessage,
} from './intent';
import { listOf, REPLIES, type Replies, ticketLine } from './replies';
import { findSoftware } from './software';

/**
 * The offline assistant (SPEC §7): no model, so it recognises what the contact asks with the
 * lexicons of five languages and answers in the one they wrote in. It only picks which tool to
 * call; the tools decide what this contact may do.
 */
export function createBuiltinProvider(): AssistantProvider {
  return {
    name: 'builtin',
    async reply(input) {
      // A bare hostname or "yes" does not tell: the contact's previous message does.
      const previous = lastTurn(input.history, 'user');
      const fallback = previous ? detectLanguage(previous.text, input.language) : input.language;
      const language = detectLanguage(input.message, fallback);
      const answer = await answerMessage(input, language);
      input.onText?.(answer.text);
      return { ...answer, language };
    },
  };
}

type Answer = Omit<AssistantReply, 'language'>;

const ARTICLES_SHOWN = 3;
const TICKETS_SHOWN = 5;
const SUMMARY_TURNS = 3;

type Turn = { input: ReplyInput; reading: Reading; replies: Replies; language: Language };

async function answerMessage(input: ReplyInput, language: Language): Promise<Answer> {
  const turn: Turn = { input, reading: readMessage(input.message), replies: REPLIES[language], language };
  const { intent } = turn.reading;
  switch (intent.kind) {
    case 'injection':
      return { text: withOffer(turn.replies, turn.replies.injection) };
    case 'person':
      return escalate(turn);
    case 'tickets':
      return listTickets(turn);
    case 'install':
      return install(turn);
    case 'action':
      return act(turn, intent.type);
    case 'uninstall':
      // Removing software is not a self-service action: a technician does it.
      return { text: withOffer(turn.replies, turn.replies.noUninstall) };
    case 'greeting':
      return { text: turn.replies.greeting };
    case 'thanks':
      return { text: turn.replies.thanks };
    case 'question':
      return (await answerFollowUp(turn)) ?? (await installWanted(turn)) ?? searchKb(turn);
  }
}

/** A bare "yes" to our offer of a technician, or a hostname answering "which device?". */
async function answerFollowUp(turn: Turn): Promise<Answer | undefined> {
  const lastAnswer = lastTurn(turn.input.history, 'assistant');
  if (!lastAnswer) return undefined;
  const offers = Object.values(REPLIES).map((replies) => replies.offerPerson);
  if (turn.reading.isYes && offers.some((offer) => lastAnswer.text.includes(offer))) return escalate(turn);
  const lastRequest = lastTurn(turn.input.history, 'user');
  if (!lastRequest) return undefined;
  const earlier = readMessage(lastRequest.text);
  if (earlier.intent.kind !== 'action' && earlier.intent.kind !== 'install') return undefined;
  const devices = await turn.input.tools.listDevices();
  if (namedDevices(turn.input.message, devices).length !== 1) return undefined;
  // The device comes from this message, the request from the one before.
  const combined: Turn = {
    ...turn,
    input: { ...turn.input, message: `${lastRequest.text}\n${turn.input.message}` },
    reading: readMessage(`${lastRequest.text}\n${turn.input.message}`),
  };
  return earlier.intent.kind === 'install'
    ? install(combined, devices)
    : act(combined, earlier.intent.type, devices);
}

/** "Get me Chrome", "Mi serve Notepad++": software of the catalog asked for without the verb. */
async function installWanted(turn: Turn): Promise<Answer | undefined> {
  if (turn.reading.wanted.length === 0) return undefined;
  const devices = await turn.input.tools.listDevices();
  const catalog = devices.filter((d) => d.actions.includes('install_software')).flatMap((d) => d.software);
  return findSoftware(turn.reading.wanted, catalog) ? install(turn, devices) : undefined;
}

function lastTurn(history: ChatTurn[], role: ChatTurn['role']): ChatTurn | undefined {
  return history.findLast((turn) => turn.role === role);
}

function withOffer(replies: Replies, text: string): string {
  return `${text} ${replies.offerPerson}`;
}

async function escalate({ input, replies }: Turn): Promise<Answer> {
  const earlier = input.history.filter((turn) => turn.role === 'user').slice(-SUMMARY_TURNS);
  const summary = [...earlier.map((turn) => turn.text), input.message].join('\n');
  const ticket = await input.tools.escalate(summary);
  return { text: replies.escalated(ticket.number), ticket };
}

async function listTickets({ input, replies, language }: Turn): Promise<Answer> {
  const tickets = (await input.tools.listTickets()).slice(0, TICKETS_SHOWN);
  if (tickets.length === 0) return { text: replies.noTickets };
  return {
    text: [replies.ticketsIntro, ...tickets.map((ticket) => ticketLine(ticket, language))].join('\n'),
  };
}

/** Someone else's device, many devices, or a hostname that is none of the contact's. */
function isForOthers(turn: Turn, devices: ToolDevice[]): boolean {
  const own = devices.map((device) => device.hostname);
  return turn.reading.isForOthers || foreignHostnames(turn.input.message, own).length > 0;
}

async function act(turn: Turn, type: DeviceActionType, known?: ToolDevice[]): Promise<Answer> {
  const { input, replies, language } = turn;
  const devices = known ?? (await input.tools.listDevices());
  if (isForOthers(turn, devices)) return { text: withOffer(replies, replies.othersDevice) };
  const named = namedDevices(input.message, devices);
  const candidates = named.length > 0 ? named : devices.filter((device) => device.actions.includes(type));
  const [device] = candidates;
  if (!device) return { text: withOffer(replies, replies.noDevice) };
  if (candidates.length > 1) {
    return { text: replies.askDevice(listOf(hostnames(candidates), language, 'disjunction')) };
  }
  return propose(turn, { type, deviceId: device.id }, replies.action(type, device.hostname), device);
}

async function install(turn: Turn, known?: ToolDevice[]): Promise<Answer> {
  const { input, replies, language, reading } = turn;
  const devices = known ?? (await input.tools.listDevices());
  if (isForOthers(turn, devices)) return { text: withOffer(replies, replies.othersDevice) };
  const named = namedDevices(input.message, devices);
  const scope = named.length > 0 ? named : devices;
  const offered = scope.filter((device) => device.actions.includes('install_software'));
  const catalog = [...new Set(offered.flatMap((device) => device.software.map((software) => software.name)))];
  const wanted = findSoftware(
    reading.tokens,
    offered.flatMap((device) => device.software),
  );
  if (!wanted) {
    if (!reading.requestedSoftware && catalog.length > 0) {
      return { text: replies.askSoftware(listOf(catalog, language, 'conjunction')) };
    }
    return notInCatalog(turn, catalog);
  }
  const candidates = offered.filter((device) => device.software.some((s) => s.name === wanted.name));
  const [device] = candidates;
  if (!device) return notInCatalog(turn, catalog);
  if (candidates.length > 1) {
    return { text: replies.askDevice(listOf(hostnames(candidates), language, 'disjunction')) };
  }
  const software = device.software.find((s) => s.name === wanted.name) ?? wanted;
  return propose(
    turn,
    { type: 'install_software', deviceId: device.id, softwareId: software.id },
    replies.action('install_software', device.hostname, software.name),
    device,
  );
}

/** Refused, with the approved list and any article on the subject ("how do I install the VPN?"). */
async function notInCatalog(turn: Turn, catalog: string[]): Promise<Answer> {
  const { replies, language, reading } = turn;
  const lines = [replies.notInCatalog(reading.requestedSoftware)];
  if (catalog.length > 0) lines.push(replies.approved(listOf(catalog, language, 'conjunction')));
  const hits = await findArticles(turn);
  if (hits.length > 0) {
    return {
      text: [lines.join(' '), replies.mayHelp, ...hits.map((hit) => `• ${hit.title}`)].join('\n'),
      articles: hits.map(({ id, title }) => ({ id, title })),
    };
  }
  return { text: withOffer(replies, lines.join(' ')) };
}

async function propose(
  { input, replies }: Turn,
  request: ProposalRequest,
  clause: string,
  device: ToolDevice,
): Promise<Answer> {
  const proposal = await input.tools.proposeAction(request);
  if ('refused' in proposal) return { text: withOffer(replies, replies.refused(device.hostname)) };
  return { text: replies.propose(clause), proposedAction: proposal };
}

/** The message's content words: the search finds articles with any of them, those with more first. */
async function findArticles({ input, reading, language }: Turn): Promise<KbHit[]> {
  const words = keywords(reading.tokens);
  const query = words.length > 0 ? words.join(' ') : input.message;
  return (await input.tools.searchKb(query, language)).slice(0, ARTICLES_SHOWN);
}

async function searchKb(turn: Turn): Promise<Answer> {
  const { replies } = turn;
  const hits = await findArticles(turn);
  if (hits.length === 0) return { text: withOffer(replies, replies.noArticles) };
  return {
    text: [replies.articles, ...hits.map((hit) => `• ${hit.title}`)].join('\n'),
    articles: hits.map(({ id, title }) => ({ id, title })),
  };
}

function hostnames(devices: ToolDevice[]): string[] {
  return devices.map((device) => device.hostname);
}
