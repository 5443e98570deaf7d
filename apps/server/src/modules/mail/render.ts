import { randomBytes } from 'node:crypto';
import { MAIL_PLACEHOLDERS, type MailKind, type MailTemplate, type RenderedMail } from '@atrium/shared';
import { escapeHtml, renderMarkdown, safeLink, stripMarkdown } from '../../lib/markdown';

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
/** Values that are Markdown already (a comment's body): rendered as such, not escaped. */
const MARKDOWN_VALUES = new Set(['message']);
const URL_VALUES = new Set(['portalUrl', 'ticketUrl', 'resetUrl']);

function used(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** Unknown placeholders anywhere and required ones missing from the body, as SPEC §9 details. */
export function templateProblems(
  kind: MailKind,
  template: MailTemplate,
  path: string,
): { path: string; message: string }[] {
  const { all, required } = MAIL_PLACEHOLDERS[kind];
  const problems: { path: string; message: string }[] = [];
  for (const field of ['subject', 'body'] as const) {
    for (const name of new Set(used(template[field]))) {
      if (!all.includes(name))
        problems.push({ path: `${path}.${field}`, message: `unknown placeholder {{${name}}}` });
    }
  }
  const inBody = new Set(used(template.body));
  for (const name of required) {
    if (!inBody.has(name)) problems.push({ path: `${path}.body`, message: `must contain {{${name}}}` });
  }
  return problems;
}

function fill(text: string, value: (name: string) => string): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => value(name));
}

/** An http(s) URL with nothing around it: what a URL value must be to become a link. */
const WEB_URL = /^https?:\/\/[^\s<>"]+$/;

/**
 * The subject, the text part (values as written) and the HTML part: the template's Markdown as
 * rendered once (see `compiledHtml`) with the values put in as text, so a contact named
 * `[x](javascript:…)` or `<img onerror>` stays text. A subject is plain text in every mail client:
 * Markdown there (an admin's `**{{status}}**`, a title typed with it) would show as its marks.
 */
export function renderMail(template: MailTemplate, values: Record<string, string>): RenderedMail {
  const raw = (name: string) => values[name] ?? '';
  const subject = stripMarkdown(fill(template.subject, raw).replace(/\s+/g, ' ').trim());
  const text = fill(template.body, raw);
  return { subject, text, html: compiledHtml(template.body)(raw) };
}

type Slot = {
  name: string;
  /**
   * Where the value lands: its own paragraph or inline (a Markdown value), text (inside a link or
   * not: a URL value becomes a link only outside one), a URL attribute (href, src) or another one.
   */
  context: 'paragraph' | 'inline' | 'text' | 'link-text' | 'url' | 'attribute';
};

/**
 * A template's HTML, its Markdown rendered and sanitized once with a token where each value goes;
 * mail after mail only the values are escaped into their places. Rendering the template per mail
 * cost more than all the rest of queueing it.
 */
type CompiledHtml = (value: (name: string) => string) => string;

/** Templates are few (kinds × languages, and an admin's edits): the cache starts over past this. */
const COMPILED_MAX = 500;
const compiled = new Map<string, CompiledHtml>();

function compiledHtml(body: string): CompiledHtml {
  let html = compiled.get(body);
  if (!html) {
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    html = compileHtml(body);
    compiled.set(body, html);
  }
  return html;
}

function compileHtml(body: string): CompiledHtml {
  // Unguessable, so no template text can spell a token; digits and letters only, so Markdown leaves
  // it as it is wherever it lands.
  const nonce = randomBytes(8).toString('hex');
  const names: string[] = [];
  const token = (name: string) => `ATRIUM${nonce}N${names.push(name) - 1}X`;
  // A Markdown value is a block of its own, so its Markdown cannot reach outside it.
  const markdown = fill(body, (name) => (MARKDOWN_VALUES.has(name) ? `\n\n${token(name)}\n\n` : token(name)));
  const html = renderMarkdown(markdown);

  const pieces: (string | Slot)[] = [];
  const tokenText = `ATRIUM${nonce}N(\\d+)X`;
  const pattern = new RegExp(`<p>${tokenText}</p>|${tokenText}|<[^>]*>`, 'g');
  let inLink = false;
  let last = 0;
  for (const match of html.matchAll(pattern)) {
    pieces.push(html.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, paragraph, inline] = match;
    const paragraphName = paragraph === undefined ? undefined : (names[Number(paragraph)] ?? '');
    if (paragraphName !== undefined && MARKDOWN_VALUES.has(paragraphName)) {
      pieces.push({ name: paragraphName, context: 'paragraph' });
    } else if (paragraphName !== undefined) {
      pieces.push('<p>', { name: paragraphName, context: 'text' }, '</p>');
    } else if (inline !== undefined) {
      const name = names[Number(inline)] ?? '';
      const context = MARKDOWN_VALUES.has(name) ? 'inline' : inLink ? 'link-text' : 'text';
      pieces.push({ name, context });
    } else {
      if (/^<a[\s>]/.test(whole)) inLink = true;
      else if (whole === '</a>') inLink = false;
      pieces.push(...tagPieces(whole, new RegExp(tokenText, 'g'), names));
    }
  }
  pieces.push(html.slice(last));

  const head = `<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328;">`;
  return (value) =>
    `${head}${pieces.map((piece) => (typeof piece === 'string' ? piece : slotHtml(piece, value(piece.name)))).join('')}</body></html>`;
}

/** A sanitized tag split at the tokens in its attributes (always double-quoted by the sanitizer). */
function tagPieces(tag: string, tokens: RegExp, names: string[]): (string | Slot)[] {
  const pieces: (string | Slot)[] = [];
  let last = 0;
  for (const match of tag.matchAll(tokens)) {
    const before = tag.slice(last, match.index);
    pieces.push(before);
    last = match.index + match[0].length;
    const attribute = /([\w-]+)="[^"]*$/.exec(tag.slice(0, match.index))?.[1] ?? '';
    const name = names[Number(match[1])] ?? '';
    // A Markdown value never lands in an attribute (it is a block of its own); if it did, it would be dropped.
    if (!MARKDOWN_VALUES.has(name)) {
      pieces.push({ name, context: attribute === 'href' || attribute === 'src' ? 'url' : 'attribute' });
    }
  }
  pieces.push(tag.slice(last));
  return pieces;
}

function slotHtml(slot: Slot, value: string): string {
  switch (slot.context) {
    case 'paragraph':
      return `<div>${markdownHtml(value)}</div>`;
    case 'inline':
      return markdownHtml(value);
    case 'text':
      if (URL_VALUES.has(slot.name) && WEB_URL.test(value)) return safeLink(value, value);
      // As Markdown with `breaks` renders a line break typed in a value.
      return escapeHtml(value).replace(/\r?\n/g, '<br>');
    case 'link-text':
      return escapeHtml(value);
    case 'url':
      // Only our own links are URLs; any other value is a part of one, never a scheme of its own.
      return URL_VALUES.has(slot.name) && WEB_URL.test(value) ? escapeHtml(value) : encodeURIComponent(value);
    case 'attribute':
      return escapeHtml(value);
  }
}

/** The last Markdown value rendered: the same message goes to every technician of a ticket. */
let lastMarkdown: { source: string; html: string } | undefined;

function markdownHtml(source: string): string {
  if (lastMarkdown?.source !== source) lastMarkdown = { source, html: renderMarkdown(source) };
  return lastMarkdown.html;
}
