import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { createPoller } from '../../lib/poller';
import { contactActor } from '../auth/auth.service';
import { findContactById } from '../contacts/contacts.repo';
import type { TicketWrites } from '../tickets/ticket-writes';
import { claimEndedActions, markActionRecorded } from './assistant.repo';

const BATCH = 20;
/** How often ended actions are looked for: the ticket shows a result seconds after it is known. */
const POLL_MS = 2_000;

type EndedAction = Awaited<ReturnType<typeof claimEndedActions>>[number];

function resultLine(action: EndedAction): string {
  const what = `${action.type.replaceAll('_', ' ')} on ${action.hostname}`;
  const state = action.state.replaceAll('_', ' ');
  return `Result of the action the contact confirmed in the chat: ${what} — ${state}${
    action.error ? ` (${action.error})` : ''
  }.`;
}

/**
 * Writes on a chat's ticket how each action run from the chat ended (SPEC §7: the ticket holds the
 * actions with their results). Actions end in the agent hub, on any process; this follows them
 * from the outside, so the devices module knows nothing of chats. A result waits while its session
 * has no ticket and is written once one is opened.
 */
export function createAssistantRecorder(
  db: Db,
  writes: TicketWrites,
  log: FastifyBaseLogger,
  pollMs = POLL_MS,
) {
  return createPoller(
    'writing chat actions on their tickets',
    async (isStopped) => {
      while (!isStopped()) {
        const written = await db.transaction(async (tx) => {
          const ended = await claimEndedActions(tx, BATCH);
          for (const action of ended) {
            const contact = await findContactById(tx, action.contactId);
            if (contact) {
              const ticket = { id: action.ticketId, number: action.ticketNumber };
              await writes.writeAssistantTurn(tx, contactActor(contact, ''), ticket, resultLine(action));
            }
            await markActionRecorded(tx, action.actionId);
          }
          return ended.length;
        });
        if (written < BATCH) return;
      }
    },
    pollMs,
    log,
  );
}
