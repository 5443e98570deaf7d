import type { OutboxSms } from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { requireAdmin } from '../technicians/technicians.policy';
import { listSms, type NewSms, queueSms } from './sms.repo';

/**
 * How the rest of the server texts someone: `queue` in the transaction of the change the text is
 * about, then `kick` once it has committed.
 */
export function createSmsService(db: Db, config: Config) {
  const { provider } = config.sms;
  const wakers = new Set<() => void>();
  return {
    /** Goes out only if the caller's transaction commits. */
    queue: (tx: Db, sms: NewSms): Promise<void> => queueSms(tx, sms, provider),

    /** After the commit: this process's sender sends what was queued now, not at its next poll. */
    kick(): void {
      for (const wake of wakers) wake();
    },

    /** How the sender hears `kick`. */
    onKick(wake: () => void): void {
      wakers.add(wake);
    },

    /** Texts carry codes and temporary passwords: admins only. */
    async list(actor: TechnicianActor, page: { page: number; pageSize: number }) {
      requireAdmin(actor);
      const { rows, total } = await listSms(db, page);
      const items = rows.map(
        (sms): OutboxSms => ({
          id: sms.id,
          to: sms.to,
          body: sms.body,
          status: sms.status,
          attempts: sms.attempts,
          lastError: sms.lastError,
          createdAt: sms.createdAt.toISOString(),
          sentAt: sms.sentAt?.toISOString() ?? null,
        }),
      );
      return { items, total };
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;
