import { convert } from 'html-to-text';

/**
 * What a person wrote in a mail, without the history their client quoted below it: a reply thread
 * must not grow by the whole previous conversation at every message.
 */

/** Where clients wrap the message being answered, in HTML (Gmail, Apple Mail, Thunderbird, Yahoo). */
const QUOTE_SELECTORS = [
  'div.gmail_quote',
  'blockquote.gmail_quote',
  'blockquote[type="cite"]',
  'div.moz-cite-prefix',
  'div.yahoo_quoted',
];

/** HTML-only mail as plain text, quoted blocks dropped, images and styling left out. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
        selector,
        options: { uppercase: false },
      })),
      ...QUOTE_SELECTORS.map((selector) => ({ selector, format: 'skip' })),
    ],
  });
}

/**
 * "On Mon, 3 Jun 2024, Jane <jane@example.com> wrote:" in the five languages of the portal (German
 * puts the name after the verb: "Am …, schrieb Jane <jane@example.com>:").
 */
const ATTRIBUTION_START = /^(On|Le|Am|El|Il)\s.+/;
const ATTRIBUTION_END = /((wrote|a écrit|escribió|ha scritto)\s*|\bschrieb\b.*):\s*$/i;
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}\s*$/i;
/** Outlook's header block: "From: …" followed closely by "Sent: …" (or its translations). */
const HEADER_FROM = /^\*?(From|De|Von|Da)\s*:\*?\s/i;
const HEADER_SENT = /^\*?(Sent|Date|Envoyé|Gesendet|Enviado|Inviato|Data)\s*:\*?\s/i;
const OUTLOOK_RULE = /^_{10,}\s*$/;

function quoteStart(lines: string[]): number {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]?.trim() ?? '';
    const next = lines[index + 1]?.trim() ?? '';
    if (ORIGINAL_MESSAGE.test(line)) return index;
    if (ATTRIBUTION_START.test(line) && ATTRIBUTION_END.test(line)) return index;
    // Gmail wraps a long attribution line: "On …, Jane <jane@example.com>" / "wrote:".
    if (ATTRIBUTION_START.test(line) && ATTRIBUTION_END.test(next) && next.length < 30) return index;
    if (HEADER_FROM.test(line) && lines.slice(index + 1, index + 5).some((l) => HEADER_SENT.test(l.trim()))) {
      return index > 0 && OUTLOOK_RULE.test(lines[index - 1]?.trim() ?? '') ? index - 1 : index;
    }
  }
  return lines.length;
}

/** Tidies line ends and blank runs so stored text reads the same whatever client sent it. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The new part of a reply: everything from the first quote header on, and every `>` line, goes.
 * When nothing would be left (a message that is all quote), the whole text is kept instead: a
 * message is never emptied by trimming.
 */
export function trimQuotedText(text: string): string {
  const lines = tidyText(text).split('\n');
  const own = lines.slice(0, quoteStart(lines)).filter((line) => !line.startsWith('>'));
  const trimmed = tidyText(own.join('\n'));
  return trimmed || tidyText(text);
}
