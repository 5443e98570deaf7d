import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import type { ImportOutcome } from './inbound-mail.service';

export type SmtpListener = { port: number; close(): Promise<void> };

const smtpError = (responseCode: number, message: string): SMTPServerError =>
  Object.assign(new Error(message), { responseCode });

/**
 * What a delivering MTA writes on final delivery (RFC 5321 §4.4): the envelope sender travels with
 * the message, so an empty one (`<>`, a bounce) is recognised the same way as in an IMAP mailbox.
 */
function returnPath(session: SMTPServerSession): Buffer {
  const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return Buffer.from(`Return-Path: <${sender}>\r\n`);
}

/**
 * The built-in SMTP listener (SPEC §8). It accepts mail for any recipient, without AUTH or
 * STARTTLS: it is meant to sit behind the MSP's MX or on a private network, where mail is relayed
 * to it. The SIZE limit is advertised and enforced (552). A message is answered 250 only once it is
 * stored, so an acknowledged message survives a crash; when it cannot be stored the answer is 451
 * and the sending server tries again. Senders the settings reject get 550 (their own server tells
 * them, and we send nothing); auto-replies and bounces are accepted and ignored, never refused,
 * since a refusal would bounce back and start the very loop being avoided.
 */
export async function startSmtpListener(options: {
  host: string;
  port: number;
  maxBytes: number;
  importMessage: (raw: Buffer) => Promise<ImportOutcome>;
  log: FastifyBaseLogger;
}): Promise<SmtpListener> {
  const inFlight = new Set<Promise<void>>();

  const server = new SMTPServer({
    banner: 'Atrium',
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: options.maxBytes,
    logger: false,
    // The client's host name would only be logged, and resolving it held every greeting back for a
    // DNS round trip (up to 1.5 s when the resolver does not answer).
    disableReverseLookup: true,
    closeTimeout: 10_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, `5.3.4 Message larger than ${options.maxBytes} bytes`));
          return;
        }
        const work = options
          .importMessage(Buffer.concat([returnPath(session), ...chunks]))
          .then(
            (outcome) => {
              if (outcome.status === 'rejected') callback(smtpError(550, `5.7.1 ${outcome.reason}`));
              else callback(null, `2.0.0 Received as ${outcome.id}`);
            },
            (error: unknown) => {
              options.log.error({ err: error }, 'inbound mail could not be stored');
              callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
            },
          )
          .finally(() => inFlight.delete(work));
        inFlight.add(work);
      });
    },
  });
  server.on('error', (error) => options.log.warn({ err: error }, 'inbound SMTP connection error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  options.log.info({ host: options.host, port }, 'inbound SMTP listening');

  return {
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(inFlight);
    },
  };
}
