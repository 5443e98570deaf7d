import { compile } from 'html-to-text';

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

/**
 * HTML-only mail as plain text, quoted blocks dropped, images and styling left out. Compiled once:
 * `convert` builds its selector matcher again on every call, which cost more than the conversion.
 */
export const htmlToText: (html: string) => string = compile({
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

/**
 * "On Mon, 3 Jun 2024, Jane <jane@example.com> wrote:" in the five languages of the portal (German
 * puts the name after the verb: "Am …, schrieb Jane <jane@example.com>:"; Italian also says
 * "In data …, Jane ha scritto:").
 */
const ATTRIBUTION_START = /^(On|Le|Am|El|Il|In data)\s.+/;
const ATTRIBUTION_END = /((wrote|a écrit|escribió|ha scritto)\s*|\bschrieb\b.*):\s*$/i;
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}\s*$/i;
/** Lotus Notes: "-----Jane Doe/ACME wrote: -----". */
const LOTUS_WROTE = /^-{3,}.+\s(wrote|a écrit|schrieb|escribió|ha scritto)\s*:\s*-{3,}$/i;
/**
 * Outlook's and Lotus Notes' header block: "From: …" followed closely by "Sent: …" or "Date: …", in
 * the five languages (Spanish Outlook writes "Enviado el:", German Notes "Datum:").
 */
const HEADER_FROM = /^\*?(From|De|Von|Da)\s*:\*?\s/i;
const HEADER_SENT = /^\*?(Sent|Date|Envoyé|Gesendet|Datum|Enviado|Enviado el|Fecha|Inviato|Data)\s*:\*?\s/i;
const OUTLOOK_RULE = /^_{10,}\s*$/;
/** Lotus Notes' classic block: the labels alone on their lines, the values below them. */
const LOTUS_TO = /^(To|An|A|À|Para)$/i;
const LOTUS_SUBJECT = /^(Subject|Thema|Betreff|Objet|Asunto|Oggetto)$/i;

/**
 * Where the quoted message starts, from line `from` on. An attribution ("… wrote:") introduces
 * `>` lines, below which the sender may have written their answer; a header block introduces the
 * whole previous message, unmarked, down to the end.
 */
type QuoteHeader = { index: number; length: number; kind: 'attribution' | 'message' };

function findQuoteHeader(lines: string[], from: number): QuoteHeader | undefined {
  for (let index = from; index < lines.length; index++) {
    const line = lines[index]?.trim() ?? '';
    const next = lines[index + 1]?.trim() ?? '';
    if (ORIGINAL_MESSAGE.test(line) || LOTUS_WROTE.test(line)) return { index, length: 1, kind: 'message' };
    if (ATTRIBUTION_START.test(line)) {
      if (ATTRIBUTION_END.test(line)) return { index, length: 1, kind: 'attribution' };
      // Clients wrap a long attribution line: "On …, Jane <jane@example.com>" / "wrote:".
      if (next.length < 40 && ATTRIBUTION_END.test(`${line} ${next}`)) {
        return { index, length: 2, kind: 'attribution' };
      }
    }
    if (HEADER_FROM.test(line) && lines.slice(index + 1, index + 5).some((l) => HEADER_SENT.test(l.trim()))) {
      const start = index > 0 && OUTLOOK_RULE.test(lines[index - 1]?.trim() ?? '') ? index - 1 : index;
      return { index: start, length: 1, kind: 'message' };
    }
    if (LOTUS_TO.test(line) && lines.slice(index + 1, index + 8).some((l) => LOTUS_SUBJECT.test(l.trim()))) {
      return { index: lotusSenderLine(lines, index), length: 1, kind: 'message' };
    }
  }
  return undefined;
}

/** Notes writes the sender and the date (two lines, maybe a blank one) above its "To" label. */
function lotusSenderLine(lines: string[], toLabel: number): number {
  let start = toLabel;
  let index = toLabel - 1;
  if (!lines[index]?.trim()) index--;
  for (let taken = 0; taken < 2 && index >= 0 && lines[index]?.trim(); taken++, index--) start = index;
  return start;
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
 * The new part of a reply: every `>` line goes, and so does everything from a quoted message's
 * header block on. An answer written under the quote (an attribution, `>` lines, then the answer)
 * keeps its answer. When nothing would be left (a message that is all quote), the whole text is
 * kept instead: a message is never emptied by trimming.
 */
export function trimQuotedText(text: string): string {
  const lines = tidyText(text).split('\n');
  const own: string[] = [];
  for (let index = 0; index < lines.length; ) {
    const header = findQuoteHeader(lines, index);
    own.push(...lines.slice(index, header?.index ?? lines.length));
    if (!header) break;
    const after = header.index + header.length;
    const quoted = lines
      .slice(after)
      .find((line) => line.trim() !== '')
      ?.startsWith('>');
    if (header.kind !== 'attribution' || !quoted) break;
    index = after;
  }
  const trimmed = tidyText(own.filter((line) => !line.startsWith('>')).join('\n'));
  return trimmed || tidyText(text);
}
