import { holdsCredentials } from '@atrium/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { createPoller } from '../../lib/poller';
import { claimNextMail, type MailRow, markMailFailed, markMailSent } from './mail.repo';

/** How often an idle sender looks for due mail: the longest a new message waits. */
const POLL_MS = 1_000;
const MAX_ATTEMPTS = 10;

/** 30 s, 1 min, 2 min… up to an hour between tries of a message the server could not take. */
const retryDelaySeconds = (attempts: number) => Math.min(30 * 2 ** (attempts - 1), 3_600);

/**
 * Delivers the mail queue over SMTP_URL, one message at a time, so a message is marked sent right
 * after the server accepts it. Each message is claimed for a lease longer than any send can take:
 * a process killed mid-send neither loses the message (it is retried when the lease ends) nor sends
 * the ones before it twice (they were marked sent before the next began).
 */
export function createMailSender(db: Db, config: Config, log: FastifyBaseLogger) {
  const { smtpUrl, from, sendTimeoutSeconds } = config.mail;
  if (!smtpUrl) return undefined;
  // Loaded with the first message to send: an idle server does not hold nodemailer (~7 MiB).
  let transport: Transporter | undefined;
  async function smtp(): Promise<Transporter> {
    const { default: nodemailer } = await import('nodemailer');
    transport ??= nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 1,
      connectionTimeout: sendTimeoutSeconds * 1_000,
      greetingTimeout: sendTimeoutSeconds * 1_000,
      socketTimeout: sendTimeoutSeconds * 1_000,
    });
    return transport;
  }
  const leaseSeconds = sendTimeoutSeconds * 3;
  async function deliver(mail: MailRow): Promise<void> {
    try {
      await (await smtp()).sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId,
        headers: mail.headers,
      });
    } catch (error) {
      const permanent = (error as { permanent?: boolean }).permanent === true;
      const giveUp = permanent || mail.attempts >= MAX_ATTEMPTS;
      const message = error instanceof Error ? error.message : String(error);
      await markMailFailed(db, mail.id, message, giveUp ? null : retryDelaySeconds(mail.attempts));
      log.warn(
        { mailId: mail.id, kind: mail.kind, attempts: mail.attempts, giveUp, error: message },
        'mail not delivered',
      );
      return;
    }
    await markMailSent(db, mail.id, holdsCredentials(mail.kind));
  }

  const poller = createPoller(
    'mail queue',
    async (isStopped) => {
      while (!isStopped()) {
        const mail = await claimNextMail(db, leaseSeconds);
        if (!mail) return;
        await deliver(mail);
      }
    },
    POLL_MS,
    log,
  );

  return {
    start: poller.start,
    /** Lets the message being sent finish, then closes the SMTP connection. */
    async stop(): Promise<void> {
      await poller.stop();
      transport?.close();
    },
  };
}
