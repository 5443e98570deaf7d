import { randomBytes } from 'node:crypto';
import { MAIL_PLACEHOLDERS, type MailKind, type MailTemplate, type RenderedMail } from '@atrium/shared';
import { renderMarkdown } from '../../lib/markdown';

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

const escapeMarkdown = (value: string) => value.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');

/**
 * The subject, the text part (values as written) and the HTML part (the Markdown body with values
 * escaped, so a contact named `[x](javascript:…)` stays text).
 */
export function renderMail(template: MailTemplate, values: Record<string, string>): RenderedMail {
  const raw = (name: string) => values[name] ?? '';
  const subject = fill(template.subject, raw).replace(/\s+/g, ' ').trim();
  const text = fill(template.body, raw);
  // Unguessable, so no value can spell a token and have a block land in its place.
  const nonce = randomBytes(8).toString('hex');
  const blocks: string[] = [];
  const markdown = fill(template.body, (name) => {
    if (MARKDOWN_VALUES.has(name)) {
      // A block of its own, swapped in after rendering, so its Markdown cannot reach outside it.
      blocks.push(renderMarkdown(raw(name)));
      return `\n\nATRIUMBLOCK${nonce}N${blocks.length - 1}X\n\n`;
    }
    if (URL_VALUES.has(name) && /^https?:\/\/[^\s<>]+$/.test(raw(name))) return `<${raw(name)}>`;
    return escapeMarkdown(raw(name));
  });
  // One pass with a replacer function: the blocks go in as written (a string replacement would read
  // `$'` or `` $` `` in them as the text around the token) and are never searched again.
  const token = `ATRIUMBLOCK${nonce}N(\\d+)X`;
  const body = renderMarkdown(markdown).replace(
    new RegExp(`<p>${token}</p>|${token}`, 'g'),
    (_match, paragraph: string | undefined, inline: string | undefined) =>
      paragraph === undefined
        ? (blocks[Number(inline)] ?? '')
        : `<div>${blocks[Number(paragraph)] ?? ''}</div>`,
  );
  const html = `<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328;">${body}</body></html>`;
  return { subject, text, html };
}
