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
  const blocks = new Map<string, string>();
  const markdown = fill(template.body, (name) => {
    if (MARKDOWN_VALUES.has(name)) {
      // A block of its own, swapped in after rendering, so its Markdown cannot reach outside it.
      const token = `ATRIUMBLOCK${blocks.size}X`;
      blocks.set(token, renderMarkdown(raw(name)));
      return `\n\n${token}\n\n`;
    }
    if (URL_VALUES.has(name) && /^https?:\/\/[^\s<>]+$/.test(raw(name))) return `<${raw(name)}>`;
    return escapeMarkdown(raw(name));
  });
  let body = renderMarkdown(markdown);
  for (const [token, html] of blocks) {
    body = body.replace(`<p>${token}</p>`, `<div>${html}</div>`).replace(token, html);
  }
  const html = `<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328;">${body}</body></html>`;
  return { subject, text, html };
}
