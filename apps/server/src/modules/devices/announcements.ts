import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createBatches } from '../../lib/batches';
import type { ActionRow } from './devices.repo';

/** This process's agent hub, as the actions it can hand over itself see it. */
export type LocalCourier = {
  /** The boot id of the device's connection to this process; undefined when it has none here. */
  bootIdHere(deviceId: string): string | undefined;
  /** Signs the action and sends it on the device's connection, if it is still here. */
  hand(action: ActionRow): void;
};

/** The channel on which server processes tell each other which devices have actions waiting. */
export const AGENT_ACTIONS_CHANNEL = 'atrium_agent_actions';

/** Device ids per notification: PostgreSQL refuses a payload of 8,000 bytes or more (37 per id). */
const PER_NOTIFICATION = 200;

/**
 * Tells the agent hubs that a device has a new action: this process's hub at once, the others by
 * `pg_notify`, for all the devices of a moment at once: in the statement that inserts the actions
 * (`notifyWith`), or once per moment after they are committed (`announce`). A notifying commit takes
 * a database-wide lock until its WAL is flushed, so one per action would queue every action behind
 * every other. If the process dies before notifying, the hubs' sweep finds the action within seconds.
 */
export function createActionAnnouncer(db: Db) {
  const origin = randomUUID();
  const listeners = new Set<(deviceId: string) => void>();
  const outgoing = new Set<string>();
  let courier: LocalCourier | undefined;
  const notifying = createBatches(
    () => outgoing.size > 0,
    async () => {
      const ids = [...outgoing];
      outgoing.clear();
      await db.execute(sql`select count(*) from (${notifications(ids)}) as notified`);
    },
    () => {
      // The other processes' sweep delivers what a lost notification announced.
    },
  );

  /** `pg_notify` for these devices, as few notifications as their payloads' limit allows. */
  function notifications(deviceIds: string[]): SQL {
    const payloads: string[] = [];
    for (let from = 0; from < deviceIds.length; from += PER_NOTIFICATION) {
      payloads.push([origin, ...deviceIds.slice(from, from + PER_NOTIFICATION)].join(','));
    }
    return sql`select pg_notify(${AGENT_ACTIONS_CHANNEL}, payload) from unnest(${sql.param(payloads)}::text[]) as payload`;
  }

  return {
    announce(deviceId: string): void {
      for (const listener of listeners) listener(deviceId);
      outgoing.add(deviceId);
      notifying.kick();
    },

    /**
     * For the statement that inserts actions for these devices: tells the other processes when it
     * commits, so the actions of a moment cost one commit, not a second one to notify (a notifying
     * commit holds a database-wide lock until its WAL is flushed). The statement must read it: a
     * select in a WITH runs only when read. This process's hub is told by `inserted`.
     */
    notifyWith: (deviceIds: string[]): SQL => notifications(deviceIds),

    /**
     * The boot id of the device's connection to this process, when it has one: an action for it can
     * be inserted as `sent` and handed over by `inserted`, without a statement to deliver it.
     */
    bootIdHere: (deviceId: string): string | undefined => courier?.bootIdHere(deviceId),

    /**
     * An action inserted by a statement that read `notifyWith`: one inserted as `sent` goes out on
     * its device's connection here at once, one queued is announced to this process's hub. (If the
     * device has just connected to another process, that one sends it: the agent runs a command
     * once however often it gets it.)
     */
    inserted(action: ActionRow): void {
      if (action.state === 'sent') courier?.hand(action);
      else for (const listener of listeners) listener(action.deviceId);
    },

    /** The hub of this process hands over the actions of the devices connected to it. */
    serveLocally(local: LocalCourier): () => void {
      courier = local;
      return () => {
        courier = undefined;
      };
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
    settled: () => notifying.settled(),
  };
}

export type ActionAnnouncer = ReturnType<typeof createActionAnnouncer>;
