/**
 * The HTML part with the inline `style` of its `<body>` taken out, and that style. A srcdoc frame
 * inherits the console's Content-Security-Policy, which refuses inline style attributes (so does
 * parsing the HTML in the console with DOMParser): the frame gets the markup without it, and the
 * style is then set through the CSSOM, which the policy allows. The server writes this one
 * attribute; the Markdown it renders into the body carries no style.
 */
export function splitBodyStyle(html: string): { html: string; bodyStyle: string } {
  let bodyStyle = '';
  const stripped = html.replace(
    /<body\b([^>]*?)\sstyle="([^"]*)"/i,
    (_tag, before: string, style: string) => {
      bodyStyle = style.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
      return `<body${before}`;
    },
  );
  return { html: stripped, bodyStyle };
}
