import type { InboundMailSource } from '@atrium/shared';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { Services } from '../../services';
import type { ImapPoller, PollResult } from './imap-poller';
import { type SmtpListener, startSmtpListener } from './smtp-listener';

export type InboundMailTransports = {
  /** The port the SMTP listener is bound to (INBOUND_SMTP_PORT=0 picks a free one); unset when off. */
  smtpPort: number | undefined;
  /** Polls the IMAP mailbox now, after any poll in progress. */
  pollImap(): Promise<PollResult>;
};

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyInstance {
    inboundMail: InboundMailTransports;
  }
}

/**
 * The SMTP listener and the IMAP poller, each only when configured: started once the app is ready,
 * stopped before it closes (and before the database does), messages in flight finished first.
 */
export function registerInboundMail(app: FastifyInstance, services: Services, config: Config): void {
  let smtp: SmtpListener | undefined;
  let imap: ImapPoller | undefined;
  const transports: InboundMailTransports = {
    smtpPort: undefined,
    async pollImap() {
      if (!imap) throw new Error('IMAP polling is off: IMAP_URL is not set');
      return imap.poll();
    },
  };
  app.decorate('inboundMail', transports);

  /** Mail that could not be imported is kept for technicians, and said in the log for operators. */
  const importFrom = (source: InboundMailSource) => async (raw: Buffer) => {
    const outcome = await services.inboundMail.importMessage(raw, source);
    if (outcome.status === 'failed' && !outcome.duplicate) {
      app.log.warn(
        { inboundMailId: outcome.id, source, reason: outcome.reason },
        'inbound mail kept as failed',
      );
    }
    return outcome;
  };

  app.addHook('onReady', async () => {
    const { inboundSmtpPort, imapUrl, imapPollSeconds, inboundMaxBytes } = config.mail;
    if (inboundSmtpPort !== undefined) {
      smtp = await startSmtpListener({
        host: config.host,
        port: inboundSmtpPort,
        maxBytes: inboundMaxBytes,
        importMessage: importFrom('smtp'),
        log: app.log,
      });
      transports.smtpPort = smtp.port;
    }
    if (imapUrl) {
      // Loaded only when configured: the IMAP client is the largest library a server without it
      // would otherwise hold in memory.
      const { startImapPoller } = await import('./imap-poller');
      imap = startImapPoller({
        imapUrl,
        intervalSeconds: imapPollSeconds,
        maxBytes: inboundMaxBytes,
        importMessage: importFrom('imap'),
        recordOversized: (header, size) => services.inboundMail.recordOversized(header, size, 'imap'),
        log: app.log,
      });
    }
  });

  app.addHook('preClose', async () => {
    await Promise.all([smtp?.close(), imap?.stop()]);
  });
}
