import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';

/** Our Message-IDs carry the domain of MAIL_FROM, so receivers see them as ours. */
export function createMessageIds(config: Config) {
  const address = /<([^>]+)>/.exec(config.mail.from)?.[1] ?? config.mail.from;
  const domain = address.split('@')[1]?.trim() || config.publicUrl.hostname;
  return {
    next: () => `<${randomUUID()}@${domain}>`,
    /** Stands for a ticket opened outside mail, so its notifications still share one thread. */
    ticketThread: (ticketId: string) => `<ticket-${ticketId}@${domain}>`,
  };
}
