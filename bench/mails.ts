import { randomBytes } from 'node:crypto';

/**
 * The mail of the email-to-ticket row: what a help desk receives from its customers' mail
 * clients, not one-line test messages. Every message is multipart with a text and an HTML part;
 * a third carries an inline screenshot (Outlook's `multipart/related`), a quarter a PDF, and the
 * rest answer one of the sender's own tickets with the quoted history a client adds (Gmail's
 * markup). Attachments are random bytes, as incompressible as real PNG and PDF streams.
 */

/** A seeded contact who writes in, and tickets of theirs to answer. */
export type MailSender = { email: string; name: string; tickets: { number: number; title: string }[] };

/** A message whose Message-ID is filled in at sending time: `head` + id + `tail`. */
export type MailTemplate = { from: string; head: string; tail: string };

const TO = 'help@msp.example';
const SCREENSHOT_BYTES = 40 * 1024;
const PDF_BYTES = 120 * 1024;

const SUBJECTS = [
  'Printer on the second floor jams',
  'VPN drops every few minutes',
  'Cannot open the shared folder',
  'Outlook asks for my password again',
  'New laptop for a starter on Monday',
  'Invoice shows the wrong amount',
];

const BODY = [
  'Hello,',
  '',
  'since this morning the problem is back. I restarted the computer twice and it did not help.',
  'Three colleagues in the same office see the same thing, so it is probably not my machine.',
  'Could someone have a look today? I am in the office until five.',
  '',
  'Kind regards',
];

/** Base64 in 76-character lines, as MIME writes it. */
function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A header text as mail clients write it: ASCII as is, anything else as an RFC 2047 encoded word. */
const headerText = (text: string) =>
  /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

function header(sender: MailSender, subject: string, extra: string[] = []): string[] {
  return [
    `From: ${headerText(sender.name)} <${sender.email}>`,
    `To: Help desk <${TO}>`,
    `Subject: ${headerText(subject)}`,
    'Date: Tue, 25 Nov 2025 09:14:03 +0100',
    'Message-ID: <\0>',
    ...extra,
    'MIME-Version: 1.0',
  ];
}

function alternative(boundary: string, text: string[], html: string): string[] {
  return [
    `--${boundary}`,
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...text,
    `--${boundary}`,
    'Content-Type: text/html; charset="utf-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    html,
    `--${boundary}--`,
  ];
}

const paragraphs = (lines: string[]) =>
  lines.map((line) => `<p>${escapeHtml(line) || '&nbsp;'}</p>`).join('');

/** Outlook: the screenshot pasted into the text, as an inline part the HTML points at. */
function withScreenshot(sender: MailSender, subject: string): string[] {
  const body = [...BODY.slice(0, 3), 'This is what the screen shows:', ...BODY.slice(3), sender.name];
  const html = `<html><body>${paragraphs(body)}<p><img src="cid:image001.png@01DB3F2A"></p></body></html>`;
  return [
    ...header(sender, subject, ['X-Mailer: Microsoft Outlook 16.0']),
    'Content-Type: multipart/related; boundary="rel"; type="multipart/alternative"',
    '',
    '--rel',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    ...alternative('alt', body, html),
    '--rel',
    'Content-Type: image/png; name="image001.png"',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <image001.png@01DB3F2A>',
    'Content-Disposition: inline; filename="image001.png"',
    '',
    base64Lines(randomBytes(SCREENSHOT_BYTES)),
    '--rel--',
  ];
}

/** A document attached to a plain new message. */
function withPdf(sender: MailSender, subject: string): string[] {
  const body = [
    ...BODY.slice(0, 3),
    'The report from the vendor is attached.',
    ...BODY.slice(3),
    sender.name,
  ];
  return [
    ...header(sender, subject),
    'Content-Type: multipart/mixed; boundary="mixed"',
    '',
    '--mixed',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    ...alternative('alt', body, `<div dir="ltr">${paragraphs(body)}</div>`),
    '--mixed',
    'Content-Type: application/pdf; name="vendor-report.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="vendor-report.pdf"',
    '',
    base64Lines(randomBytes(PDF_BYTES)),
    '--mixed--',
  ];
}

/** Gmail: an answer on top, the whole earlier message quoted below it. */
function reply(sender: MailSender, ticket: { number: number; title: string }): string[] {
  const answer = ['Thanks, that worked for a day, but today it happens again.', '', sender.name];
  const quoted = [
    'Hello,',
    '',
    'we restarted the service and cleared the queue. Does it work now?',
    '',
    'Help desk',
  ];
  const text = [
    ...answer,
    '',
    `On Mon, 24 Nov 2025 at 16:02, Help desk <${TO}> wrote:`,
    ...quoted.map((line) => `> ${line}`),
  ];
  const html =
    `<div dir="ltr">${paragraphs(answer)}</div><br><div class="gmail_quote"><div class="gmail_attr">` +
    `On Mon, 24 Nov 2025 at 16:02, Help desk &lt;${TO}&gt; wrote:<br></div>` +
    `<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">` +
    `${paragraphs(quoted)}</blockquote></div>`;
  return [
    ...header(sender, `Re: [#${ticket.number}] ${ticket.title}`, [
      `In-Reply-To: <ticket-${ticket.number}@msp.example>`,
    ]),
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    ...alternative('alt', text, html),
  ];
}

/**
 * One message per sender and kind, in an order that mixes them; the caller cycles through them
 * with a new Message-ID each time, so every delivery is a new message.
 */
export function mailTemplates(senders: MailSender[]): MailTemplate[] {
  const templates: MailTemplate[] = [];
  senders.forEach((sender, i) => {
    const subject = SUBJECTS[i % SUBJECTS.length] ?? 'Help';
    const ticket = sender.tickets[i % Math.max(1, sender.tickets.length)];
    // Per 20 messages: 7 with a screenshot, 5 with a PDF, 8 answers (or new messages when the
    // sender has no ticket yet).
    const slot = i % 20;
    const lines =
      slot < 7
        ? withScreenshot(sender, subject)
        : slot < 12 || !ticket
          ? withPdf(sender, subject)
          : reply(sender, ticket);
    const [head = '', tail = ''] = `${lines.join('\r\n')}\r\n`.split('\0');
    templates.push({ from: sender.email, head, tail });
  });
  return templates;
}

/** Average size of the messages, for the report. */
export function averageBytes(templates: MailTemplate[]): number {
  const total = templates.reduce((sum, t) => sum + t.head.length + t.tail.length, 0);
  return templates.length === 0 ? 0 : total / templates.length;
}
