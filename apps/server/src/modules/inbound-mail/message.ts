import { createHash } from 'node:crypto';
import { type AddressObject, type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';
import { htmlToText, tidyText, trimQuotedText } from './quoted-text';

/** A received message, read: who sent it, what it answers, what they wrote and what they attached. */
export type MailMessage = {
  /** The Message-ID header, or one derived from the bytes when the sender gave none. */
  messageId: string;
  from: { address: string; name: string };
  subject: string;
  /** In-Reply-To and References: the messages this one answers, nearest first. */
  answers: string[];
  /** Set when a machine sent it (auto-reply, bounce, list mail): such mail never opens tickets. */
  automated: string | null;
  /** The text the sender wrote, quoted history trimmed (kept whole in a forward). */
  text: string;
  attachments: { filename: string | undefined; contentType: string; content: Buffer; inline: boolean }[];
};

/** Mail that cannot become a ticket as it is: kept with status `failed` and this reason. */
export class UnreadableMailError extends Error {}

/** The Message-ID a message without one gets: the same bytes delivered twice are still one message. */
export const derivedMessageId = (raw: Buffer) =>
  `<${createHash('sha256').update(raw).digest('hex')}@derived.atrium.invalid>`;

const MESSAGE_ID = /<[^<>\s]+>/g;

function headerText(value: HeaderValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => headerText(item)).join(', ');
  if (value instanceof Date) return value.toISOString();
  if ('value' in value && typeof value.value === 'string') return value.value;
  if ('text' in value && typeof value.text === 'string') return value.text;
  return undefined;
}

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list']);
const ROBOT_SENDER = /^(mailer-daemon|postmaster)@/i;

/**
 * Why a message is from a machine rather than a person (RFC 3834 and the headers the big clients
 * and list managers set), or null. Answering such mail, or making tickets of it, is how loops start.
 */
function automatedReason(mail: ParsedMail, from: string): string | null {
  const header = (name: string) => headerText(mail.headers.get(name))?.trim().toLowerCase();
  const autoSubmitted = header('auto-submitted')?.split(';')[0]?.trim();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header('precedence');
  if (precedence && BULK_PRECEDENCE.has(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond']) {
    if (mail.headers.has(name)) return `${name} header`;
  }
  // mailparser gathers List-Id, List-Unsubscribe and the other List-* headers under `list`.
  if (mail.headers.has('list')) return 'mailing-list headers (List-*)';
  if (ROBOT_SENDER.test(from)) return `sent by ${from.split('@')[0]?.toLowerCase()}`;
  const returnPath = mail.headerLines.find((line) => line.key === 'return-path');
  if (returnPath && /<\s*>/.test(returnPath.line)) return 'empty return path (a bounce)';
  if (header('content-type') === 'multipart/report') return 'delivery report (multipart/report)';
  return null;
}

const REPLY_PREFIX = /^\s*(re|fw|fwd|aw|wg|tr|rv|rif|r|sv|vs|antw|réf|ref)\s*(\[\d+\]|\(\d+\))?\s*:\s*/i;
const FORWARD_PREFIX = /^\s*(fw|fwd|wg|tr|rv)\s*:/i;
const TICKET_TAG = /\[#(\d{1,15})\]/;

/** A subject as a ticket title: reply and forward prefixes and our own `[#number]` tag removed. */
export function ticketTitle(subject: string): string {
  let title = subject.replace(TICKET_TAG, ' ');
  for (let previous = ''; previous !== title; ) {
    previous = title;
    title = title.replace(REPLY_PREFIX, '').trim();
  }
  return title.replace(/\s+/g, ' ').slice(0, 200) || '(no subject)';
}

/** The ticket number a subject names with `[#123]`, if any. */
export function subjectTicketNumber(subject: string): number | undefined {
  const match = TICKET_TAG.exec(subject);
  return match?.[1] ? Number(match[1]) : undefined;
}

function firstAddress(header: AddressObject | undefined): { address: string; name: string } | undefined {
  const entry = header?.value.flatMap((item) => (item.group ? item.group : [item]))[0];
  const address = entry?.address?.trim().toLowerCase();
  if (!address || !/^[^@\s]+@[^@\s]+$/.test(address)) return undefined;
  return { address, name: entry?.name.trim() ?? '' };
}

/**
 * Reads a raw message. Charsets and transfer encodings are mailparser's; HTML-only mail becomes
 * plain text; quoted history is trimmed unless the message is a forward, whose point is the quote.
 */
export async function readMail(raw: Buffer): Promise<MailMessage> {
  let mail: ParsedMail;
  try {
    // skipHtmlToText: `text` then only holds real text/plain parts, so HTML-only mail goes through
    // our own conversion, which knows the clients' quote markup. cid: links are left alone: the
    // images are kept as attachments, not inlined into the HTML as data: URLs.
    mail = await simpleParser(raw, { skipHtmlToText: true, keepCidLinks: true, checksumAlgo: false });
  } catch (error) {
    throw new UnreadableMailError(`not a readable message: ${(error as Error).message}`);
  }
  const from = firstAddress(mail.from);
  if (!from) throw new UnreadableMailError('no sender address (From)');
  const subject = (mail.subject ?? '').trim();
  const written = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
  const answers = [mail.inReplyTo ?? '', ...[mail.references ?? []].flat().reverse()].flatMap(
    (value) => value.match(MESSAGE_ID) ?? [],
  );
  return {
    messageId: mail.messageId?.match(MESSAGE_ID)?.[0] ?? derivedMessageId(raw),
    from,
    subject,
    answers: [...new Set(answers)],
    automated: automatedReason(mail, from.address),
    text: FORWARD_PREFIX.test(subject) ? tidyText(written) : trimQuotedText(written),
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType.toLowerCase(),
      content: attachment.content,
      inline: attachment.related === true || attachment.contentDisposition === 'inline',
    })),
  };
}
