import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SinkMessage = { to: string[]; raw: Buffer; mail: ParsedMail };

/**
 * A real SMTP server on loopback that keeps what it receives. `answer` decides the reply to each
 * message (undefined: accepted; an Error with `responseCode`: refused), and may hold it.
 */
export async function startSmtpSink(
  answer: (mail: ParsedMail, index: number) => Promise<Error | undefined> | Error | undefined = () =>
    undefined,
) {
  const messages: SinkMessage[] = [];
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then(async (mail) => {
          const refusal = await answer(mail, received++);
          if (refusal) return callback(refusal);
          messages.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, mail });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Resolves once `count` messages were accepted. */
    async waitFor(count: number, timeoutMs = 15_000): Promise<SinkMessage[]> {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`the SMTP sink got ${messages.length} of ${count} messages`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
