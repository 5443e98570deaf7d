import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';

/** Our Message-IDs carry the domain of MAIL_FROM, so receivers see them as ours. */
export function createMessageIds(config: Config) {
  const domain = config.mail.fromAddress.split('@')[1] || config.publicUrl.hostname;
  return {
    next: () => `<${randomUUID()}@${domain}>`,
    /** Stands for a ticket opened outside mail, so its notifications still share one thread. */
    ticketThread: (ticketId: string) => `<ticket-${ticketId}@${domain}>`,
  };
}
