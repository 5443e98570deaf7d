import { createHash } from 'node:crypto';
import { EmailSchema } from '@atrium/shared';
import libmime from 'libmime';
import type { HeaderValue, ParsedMail } from 'mailparser';
import addressparser, { type Address } from 'nodemailer/lib/addressparser';
import { toStorableText } from '../../lib/storable-text';
import { htmlToText, tidyText, trimQuotedText } from './quoted-text';
import { repairMail } from './repair';
import { extractUuencoded, UUENCODE_TRANSFER_ENCODINGS } from './uuencode';

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
  /** The receiving mail server's spam filter marked it (`X-Spam-Flag: YES`). */
  spam: boolean;
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

/**
 * What clients put before a subject they answer or forward, in the portal's five languages and the
 * ones Outlook writes next to them: Re, AW/Antwort (de), R/Rif (it), RV (es), TR (fr), WG (de),
 * I/Inoltro (it), Enc (pt), SV/VS (nordic); `Re[2]:` and `Re(2):` count the replies.
 */
const REPLY_PREFIX =
  /^\s*(re|aw|antw|antwort|r|rif|ris|ref|réf|res|sv|vs|fw|fwd|wg|tr|rv|i|enc|inoltro)\s*(\[\d+\]|\(\d+\))?\s*:\s*/i;
const FORWARD_PREFIX = /^\s*(fw|fwd|wg|tr|rv|i|enc|inoltro)\s*:/i;
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

/** One header's value as it came (folding undone), not decoded: encoded-words are for names only. */
function rawHeaderValues(mail: ParsedMail, key: string): string[] {
  return mail.headerLines
    .filter((line) => line.key === key)
    .map((line) =>
      Buffer.from(line.line, 'binary')
        .toString('utf8')
        .replace(/^[^:]*:/, '')
        .replace(/\r?\n(?=[ \t])/g, ''),
    );
}

const mailboxes = (entries: Address[]): { name: string; address: string }[] =>
  entries.flatMap((entry) => (entry.group ? mailboxes(entry.group) : [entry]));

/**
 * The first mailbox of an address header that is a real address. An encoded-word is decoded in the
 * display name only (RFC 2047 §5): `<=?utf-8?q?boss=40acme.example?=>` is no address at all, never
 * boss@acme.example. Anything that would not pass as a contact's email is junk.
 */
function firstMailbox(values: string[]): { address: string; name: string } | undefined {
  for (const entry of values.flatMap((value) => mailboxes(addressparser(value)))) {
    const parsed = EmailSchema.safeParse(entry.address.trim());
    if (!parsed.success) continue;
    return { address: parsed.data, name: libmime.decodeWords(entry.name).trim() };
  }
  return undefined;
}

/**
 * Who sent a message. A From header is believed or the message is refused; a message without one
 * is from its Sender, else its Reply-To, else the envelope sender (the Return-Path the receiving
 * server recorded).
 */
function senderOf(mail: ParsedMail): { address: string; name: string } | undefined {
  const from = rawHeaderValues(mail, 'from');
  if (from.length > 0) return firstMailbox(from);
  for (const key of ['sender', 'reply-to', 'return-path']) {
    const found = firstMailbox(rawHeaderValues(mail, key));
    if (found) return found;
  }
  return undefined;
}

type Attachment = MailMessage['attachments'][number];

/**
 * The attachments, uuencoded ones decoded: parts sent with an x-uuencode transfer encoding, and
 * `begin 644` blocks in the text, which then leave the text.
 */
function filesOf(mail: ParsedMail, text: string): { text: string; attachments: Attachment[] } {
  const attachments = mail.attachments.map((attachment): Attachment => {
    const file = {
      filename: attachment.filename,
      contentType: attachment.contentType.toLowerCase(),
      content: attachment.content,
      inline: attachment.related === true || attachment.contentDisposition === 'inline',
    };
    const encoding = headerText(attachment.headers.get('content-transfer-encoding'))?.trim().toLowerCase();
    if (!encoding || !UUENCODE_TRANSFER_ENCODINGS.has(encoding)) return file;
    const [decoded] = extractUuencoded(attachment.content.toString('latin1')).files;
    if (!decoded) return file;
    return { ...file, filename: file.filename ?? decoded.filename, content: decoded.content };
  });
  const inText = extractUuencoded(text);
  const fromText = inText.files.map(
    (file): Attachment => ({ ...file, contentType: 'application/octet-stream', inline: false }),
  );
  return { text: inText.text, attachments: [...attachments, ...fromText] };
}

/**
 * Reads a raw message. Charsets and transfer encodings are mailparser's, once `repairMail` put right
 * what clients get wrong; HTML-only mail becomes plain text; quoted history is trimmed unless the
 * message is a forward, whose point is the quote.
 */
export async function readMail(raw: Buffer): Promise<MailMessage> {
  let mail: ParsedMail;
  let separateHtml: boolean;
  try {
    const repaired = await repairMail(raw);
    separateHtml = repaired.separateHtml;
    // skipHtmlToText: `text` then only holds real text/plain parts, so HTML-only mail goes through
    // our own conversion, which knows the clients' quote markup. The text is turned into HTML (a
    // tenth of the parse) only when text and HTML are separate parts, whose `html` joins both.
    // cid: links are left alone: the images are kept as attachments, not inlined as data: URLs.
    // Loaded with the first message: a server that receives no mail does not hold it (~9 MiB).
    const { simpleParser } = await import('mailparser');
    mail = await simpleParser(repaired.raw, {
      skipHtmlToText: true,
      skipTextToHtml: !separateHtml,
      keepCidLinks: true,
      checksumAlgo: false,
    });
  } catch (error) {
    throw new UnreadableMailError(`not a readable message: ${(error as Error).message}`);
  }
  const from = senderOf(mail);
  if (!from) throw new UnreadableMailError('no sender address (From)');
  const subject = (mail.subject ?? '').trim();
  // Text and HTML side by side in multipart/mixed are two parts of the message, and mailparser's
  // `html` holds both in order; as alternatives, the text is the sender's own plain version.
  // The HTML is converted only when it may be what the sender wrote: most mail has its own text too.
  let written = mail.text?.trim() ? mail.text : '';
  if (separateHtml || !written) written = (mail.html && htmlToText(mail.html)) || written;
  const { text, attachments } = filesOf(mail, written);
  const answers = [mail.inReplyTo ?? '', ...[mail.references ?? []].flat().reverse()].flatMap(
    (value) => value.match(MESSAGE_ID) ?? [],
  );
  return {
    messageId: toStorableText(mail.messageId?.match(MESSAGE_ID)?.[0] ?? derivedMessageId(raw)),
    from: { ...from, name: toStorableText(from.name) },
    subject: toStorableText(subject),
    answers: [...new Set(answers.map(toStorableText))],
    automated: automatedReason(mail, from.address),
    spam: headerText(mail.headers.get('x-spam-flag'))?.trim().toLowerCase() === 'yes',
    text: toStorableText(FORWARD_PREFIX.test(subject) ? tidyText(text) : trimQuotedText(text)),
    attachments: attachments.map((file) => ({
      ...file,
      filename: file.filename === undefined ? undefined : toStorableText(file.filename),
    })),
  };
}
