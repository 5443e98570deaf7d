import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createBatches } from '../../lib/batches';

/** The channel on which server processes tell each other which devices have actions waiting. */
export const AGENT_ACTIONS_CHANNEL = 'atrium_agent_actions';

/** Device ids per notification: PostgreSQL refuses a payload of 8,000 bytes or more (37 per id). */
const PER_NOTIFICATION = 200;

/**
 * Tells the agent hubs that a device has a new action: this process's hub at once, the others by
 * one `pg_notify` per moment for all the devices of that moment. A notifying commit takes a
 * database-wide lock until its WAL is flushed, so one per action would queue every action behind
 * every other. Sent after the action is committed; if the process dies in between, the hubs' sweep
 * finds the action within seconds.
 */
export function createActionAnnouncer(db: Db) {
  const origin = randomUUID();
  const listeners = new Set<(deviceId: string) => void>();
  const outgoing = new Set<string>();
  const notifications = createBatches(
    () => outgoing.size > 0,
    async () => {
      const ids = [...outgoing];
      outgoing.clear();
      for (let from = 0; from < ids.length; from += PER_NOTIFICATION) {
        const payload = [origin, ...ids.slice(from, from + PER_NOTIFICATION)].join(',');
        await db.execute(sql`select pg_notify(${AGENT_ACTIONS_CHANNEL}, ${payload})`);
      }
    },
    () => {
      // The other processes' sweep delivers what a lost notification announced.
    },
  );

  return {
    announce(deviceId: string): void {
      for (const listener of listeners) listener(deviceId);
      outgoing.add(deviceId);
      notifications.kick();
    },

    /** This process's hub hears of its actions without a round trip through the database. */
    onAnnounce(listener: (deviceId: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** The devices a notification names, unless this process sent it (its hub knows them already). */
    devicesFrom(payload: string): string[] {
      const [sender, ...ids] = payload.split(',');
      return sender === origin ? [] : ids;
    },

    /** Notifications still being sent (the process is stopping). */
    settled: () => notifications.settled(),
  };
}

export type ActionAnnouncer = ReturnType<typeof createActionAnnouncer>;
