import type { OutboxMail } from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { canReadMailText } from './mail.policy';
import { listOutbox } from './mail.repo';

export function createOutboxService(db: Db, config: Config) {
  /** Without SMTP the outbox is where mail is delivered. */
  const isOutboxMode = !config.mail.smtpUrl;
  return {
    async list(actor: TechnicianActor, page: { page: number; pageSize: number }) {
      const { rows, total } = await listOutbox(db, page);
      const items = rows.map(
        ({ mail, ticketNumber }): OutboxMail => ({
          id: mail.id,
          kind: mail.kind,
          to: mail.to,
          subject: mail.subject,
          text: canReadMailText(actor, mail.kind, isOutboxMode) ? mail.text : null,
          status: mail.status,
          attempts: mail.attempts,
          lastError: mail.lastError,
          ticket: mail.ticketId && ticketNumber !== null ? { id: mail.ticketId, number: ticketNumber } : null,
          createdAt: mail.createdAt.toISOString(),
        }),
      );
      return { items, total };
    },
  };
}
