type ServerHtmlProps = { html: string; className?: string; as?: 'div' | 'span' | 'p' };

/**
 * HTML the server rendered and sanitized (Markdown bodies, search snippets with <mark>): it is meant
 * to be inserted as it is. Nothing the browser produced ever goes through here.
 */
export function ServerHtml({ html, className, as = 'div' }: ServerHtmlProps) {
  const Tag = as;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server (lib/markdown.ts), the API's contract
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
