import type { AssistantTicketRef, KbArticleSummary, PortalDevice, PortalTicketSummary } from '@atrium/shared';
import type { ContactActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { JsonText } from '../../lib/json-text';
import type { PortalDevicesService } from '../devices/portal-devices.service';
import type { PortalKbService } from '../portal/portal-kb.service';
import type { PortalTicketsService } from '../portal/portal-tickets.service';
import type { AssistantTools, KbHit, ToolDevice, ToolTicket } from './provider';

/** Articles an answer offers at most. */
const KB_HITS = 3;
const RECENT_TICKETS = 5;

export type ToolCall = { name: string; args: unknown; result: unknown };

export type PortalServices = {
  portalKb: PortalKbService;
  portalDevices: PortalDevicesService;
  portalTickets: PortalTicketsService;
};

/** A part of the portal switched off for this contact reads as "nothing there", not an error. */
async function orNothing<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return [];
    throw error;
  }
}

/** The portal's cached lists are JSON already; the tools read them as the browser would. */
const itemsOf = <T>(page: JsonText): T[] => (JSON.parse(page.text) as { items: T[] }).items;

/**
 * A chat's question as the portal's search syntax (web search: plain words must all appear) asking
 * for any of its words: a question rarely has all its words in one article, and those with more of
 * them rank first. Quotes and minus signs are the search's syntax, not the question's.
 */
const anyOf = (query: string) =>
  query
    .replace(/["-]/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0 && word.toLowerCase() !== 'or')
    .join(' or ');

const plainSnippet = (snippet: string) => snippet.replace(/<\/?mark>/g, '');

function toolDevice(device: PortalDevice): ToolDevice {
  return {
    id: device.id,
    hostname: device.hostname,
    os: device.os,
    online: device.online,
    actions: [...device.actions, ...(device.software.length > 0 ? (['install_software'] as const) : [])],
    software: device.software,
  };
}

/**
 * The assistant's tools for one contact, each going through the portal service that serves the
 * same thing to that contact's browser: the assistant reads and proposes exactly what the contact
 * could in the portal, with the same rules applied in the same place. Every call is recorded in
 * `calls`, to be stored with the turn.
 */
export function createAssistantTools(
  contact: ContactActor,
  services: PortalServices,
  escalate: (summary: string) => Promise<AssistantTicketRef>,
): { tools: AssistantTools; calls: ToolCall[] } {
  const calls: ToolCall[] = [];
  const recorded =
    <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await run(...args);
      calls.push({ name, args: args.length === 1 ? args[0] : args, result });
      return result;
    };

  // Read once a turn: a proposal is checked against the list the provider was just shown.
  let listed: Promise<PortalDevice[]> | undefined;
  const devices = () => {
    listed ??= orNothing(() => services.portalDevices.list(contact));
    return listed;
  };

  const tools: AssistantTools = {
    searchKb: recorded('search_kb', async (query: string, language) => {
      const hits = await orNothing(async () => {
        const search = async (inLanguage?: typeof language) =>
          itemsOf<KbArticleSummary>(
            await services.portalKb.search(contact, {
              q: anyOf(query),
              page: 1,
              pageSize: KB_HITS,
              ...(inLanguage ? { language: inLanguage } : {}),
            }),
          );
        const found = await search(language);
        // Nothing in the contact's language: the same search in every language the KB has.
        return found.length > 0 ? found : search();
      });
      return hits.map(
        (hit): KbHit => ({
          id: hit.id,
          title: hit.title,
          snippet: plainSnippet(hit.snippet),
          language: hit.language,
        }),
      );
    }),

    listDevices: recorded('list_devices', async () => (await devices()).map(toolDevice)),

    proposeAction: recorded('propose_action', async ({ type, deviceId, softwareId }) => {
      const device = (await devices()).find((found) => found.id === deviceId);
      if (!device) return { refused: 'This is not one of your devices.' };
      if (type === 'install_software') {
        const entry = device.software.find((found) => found.id === softwareId);
        if (!entry) return { refused: 'This software is not in the approved catalog for this device.' };
        return { type, deviceId, softwareId: entry.id, hostname: device.hostname, softwareName: entry.name };
      }
      if (!device.actions.includes(type)) return { refused: 'This action is not offered on this device.' };
      return { type, deviceId, hostname: device.hostname };
    }),

    listTickets: recorded('list_tickets', async () => {
      const tickets = await orNothing(async () => {
        const page = await services.portalTickets.list(
          contact,
          { scope: 'mine', page: 1, pageSize: RECENT_TICKETS },
          { fresh: true },
        );
        return itemsOf<PortalTicketSummary>(page);
      });
      return tickets.map(
        (ticket): ToolTicket => ({
          id: ticket.id,
          number: ticket.number,
          title: ticket.title,
          status: ticket.status ?? '',
          updatedAt: ticket.updatedAt,
        }),
      );
    }),

    escalate: recorded('escalate', escalate),
  };
  return { tools, calls };
}
