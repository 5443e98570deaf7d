import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { createPoller } from '../../lib/poller';
import { deleteMailEvents, lockMailEvents } from './mail.repo';
import type { TicketNotifications } from './notifications';

const POLL_MS = 500;
const BATCH = 50;

/**
 * Turns recorded ticket events into queued mail, a batch per transaction: an event is deleted in the
 * transaction that queues its mail, so it is mailed once, whichever process takes it.
 */
export function createMailDispatcher(db: Db, notify: TicketNotifications, log: FastifyBaseLogger) {
  return createPoller(
    'mail notifications',
    async (isStopped) => {
      while (!isStopped()) {
        const handled = await db.transaction(async (tx) => {
          const events = await lockMailEvents(tx, BATCH);
          await notify(tx, events);
          await deleteMailEvents(
            tx,
            events.map((event) => event.id),
          );
          return events.length;
        });
        if (handled < BATCH) return;
      }
    },
    POLL_MS,
    log,
  );
}
