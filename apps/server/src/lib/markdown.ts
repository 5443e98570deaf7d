import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown is stored as written and rendered here, on the server, into HTML that is safe to insert:
 * no scripts, no event handlers, no inline styles, links only to http(s)/mailto and opened safely.
 */
const marked = new Marked({ gfm: true, breaks: true, async: false });

/** Every link leaves the page safely: no opener, no referrer, no endorsement. */
const LINK_ATTRIBUTES = { rel: 'noopener noreferrer nofollow', target: '_blank' };

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['p', 'br', 'hr', 'blockquote', 'pre', 'code', 'strong', 'em', 'del', 's', 'a', 'img'],
    ...['ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    ...['table', 'thead', 'tbody', 'tr', 'th', 'td', 'input'],
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    th: ['align'],
    td: ['align'],
    input: ['type', 'checked', 'disabled'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'data'] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', LINK_ATTRIBUTES),
  },
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
};

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, SANITIZE);
}

/** Plain text of a Markdown document (for previews and mail). */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} }).trim();
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or as a double-quoted attribute's value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** A link to an http(s) URL as `renderMarkdown` writes links, for HTML built without it. */
export function safeLink(url: string, text: string): string {
  return `<a href="${escapeHtml(url)}" rel="${LINK_ATTRIBUTES.rel}" target="${LINK_ATTRIBUTES.target}">${escapeHtml(text)}</a>`;
}

/**
 * A line of Markdown, or a piece cut out of a document (a search headline), as the text a reader
 * meant: emphasis, code and strike marks, link and image syntax, heading, quote and list markers go,
 * everything else (HTML included, for the caller to escape) stays as typed. Rendering is no help
 * here: a cut piece is not a document, and a subject has no HTML to render into.
 */
export function stripMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]\n]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\2(?!\w)/g, '$1$3')
    .replace(/`+([^`\n]*)`+/g, '$1')
    .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)/gm, '');
}
