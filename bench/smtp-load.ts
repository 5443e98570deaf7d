import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { type MailSender, mailTemplates } from './mails';

/**
 * Email to ticket under load: `connections` SMTP sessions kept open, as a relaying MTA keeps them
 * (Postfix reuses a connection for the next message to the same host), each sending one message
 * after another. A message's time runs from its MAIL FROM to the listener's answer, which comes
 * once it is stored.
 */

export type SmtpLoad = { port: number; connections: number; senders: MailSender[] };

/** What one run of a load generator (HTTP or SMTP) answered. */
export type LoadSummary = {
  durationSeconds: number;
  responses: number;
  /** 2xx for HTTP, 250 for SMTP. */
  ok: number;
  /** Count per answer: HTTP status or SMTP reply code. */
  statusCodes: Record<string, number>;
  /** No answer: connection errors and timeouts. */
  errors: number;
};

/** `onResponse` gets every response time in milliseconds. */
export async function runSmtpLoad(
  load: SmtpLoad,
  seconds: number,
  onResponse: (milliseconds: number) => void,
): Promise<LoadSummary> {
  const templates = mailTemplates(load.senders);
  if (templates.length === 0) throw new Error('no senders for the mail load');
  const summary: LoadSummary = { durationSeconds: 0, responses: 0, ok: 0, statusCodes: {}, errors: 0 };
  // Unique across runs and processes: the listener imports a Message-ID once.
  const run = randomBytes(6).toString('hex');
  let sent = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  async function session(): Promise<void> {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: load.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    try {
      while (performance.now() < deadline) {
        const n = sent++;
        const template = templates[n % templates.length];
        if (!template) break;
        const raw = `${template.head}bench-${run}-${n}@mail.example.com${template.tail}`;
        const t0 = performance.now();
        try {
          await transport.sendMail({ envelope: { from: template.from, to: ['help@msp.example'] }, raw });
          summary.ok++;
          summary.statusCodes['250'] = (summary.statusCodes['250'] ?? 0) + 1;
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          if (code === undefined) {
            summary.errors++;
            continue;
          }
          summary.statusCodes[String(code)] = (summary.statusCodes[String(code)] ?? 0) + 1;
        }
        summary.responses++;
        onResponse(performance.now() - t0);
      }
    } finally {
      transport.close();
    }
  }

  await Promise.all(Array.from({ length: load.connections }, () => session()));
  summary.durationSeconds = (performance.now() - started) / 1000;
  return summary;
}
