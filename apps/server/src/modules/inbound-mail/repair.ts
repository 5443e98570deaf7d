import { isUtf8 } from 'node:buffer';
import { Headers, type MimeNode, Splitter, type SplitterChunk } from '@zone-eu/mailsplit';
import { decode } from 'libmime/lib/charset';
import { bodyCharset, guessCharset } from './charset';

/**
 * What real mail clients get wrong, put right on the raw message before mailparser reads it:
 * mailparser reads raw header bytes as UTF-8 and an undeclared body as US-ASCII, and by then what
 * the sender wrote is already lost to U+FFFD.
 */

export type RepairedMail = {
  raw: Buffer;
  /**
   * The message has an HTML body part beside its text one that is not an alternative version of it
   * (both in `multipart/mixed`): the HTML may say more, and mailparser's `html` holds the two in order.
   */
  separateHtml: boolean;
};

const CRLF = Buffer.from('\r\n');

async function split(raw: Buffer): Promise<SplitterChunk[]> {
  const splitter = new Splitter();
  splitter.end(raw);
  const chunks: SplitterChunk[] = [];
  for await (const chunk of splitter) chunks.push(chunk as SplitterChunk);
  return chunks;
}

const isNode = (chunk: SplitterChunk): chunk is MimeNode => chunk.type === 'node';

/** Each leaf node with its body bytes, still in their transfer encoding. */
function leaves(chunks: SplitterChunk[]): { node: MimeNode; body: Buffer[] }[] {
  const found: { node: MimeNode; body: Buffer[] }[] = [];
  for (const chunk of chunks) {
    if (isNode(chunk)) found.push({ node: chunk, body: [] });
    else if (chunk.type === 'body') found.at(-1)?.body.push(chunk.value);
  }
  return found.filter(({ node }) => !node.multipart);
}

async function decodeBody(node: MimeNode, body: Buffer[]): Promise<Buffer> {
  const decoder = node.getDecoder();
  for (const chunk of body) decoder.write(chunk);
  decoder.end();
  const out: Buffer[] = [];
  for await (const chunk of decoder) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

/** The header lines (folded lines kept together) that hold bytes that are not UTF-8. */
function foreignLines(block: Buffer): Buffer[] {
  return block
    .toString('latin1')
    .split(/\r?\n(?![ \t])/)
    .map((line) => Buffer.from(line, 'latin1'))
    .filter((line) => !isUtf8(line));
}

/** The header block with every line that is not UTF-8 decoded from `charset` and written as UTF-8. */
function transcodeHeader(block: Buffer, charset: string): Buffer {
  const lines = block.toString('latin1').split(/(?<=\n)(?![ \t])/);
  return Buffer.concat(
    lines.map((line) => {
      const bytes = Buffer.from(line, 'latin1');
      return isUtf8(bytes) ? bytes : Buffer.from(decode(bytes, charset));
    }),
  );
}

/**
 * An HTML part is an alternative version of the text when its nearest container, past
 * `multipart/related` (which only adds images to it), is `multipart/alternative`.
 */
function isAlternative(node: MimeNode): boolean {
  let parent = node.parentNode;
  while (parent && parent.multipart === 'related') parent = parent.parentNode;
  return parent !== false && parent.multipart === 'alternative';
}

const isBodyText = (node: MimeNode) =>
  node.disposition !== 'attachment' &&
  (node.contentType === 'text/plain' || node.contentType === 'text/html');

export async function repairMail(raw: Buffer): Promise<RepairedMail> {
  const chunks = await split(raw);
  const nodes = chunks.filter(isNode);
  const root = nodes[0];
  if (!root) return { raw, separateHtml: false };
  const declared = [
    ...new Set(nodes.flatMap((node) => (node.charset ? [node.charset.toLowerCase()] : []))),
  ].filter((charset) => !/^(us-)?ascii$|^utf-?8$/.test(charset));
  let changed = false;

  // Raw 8-bit header bytes: all of a message's are in one charset, guessed from all of them at once.
  const foreign = nodes.flatMap((node) => foreignLines(node.getHeaders()));
  if (foreign.length > 0) {
    const charset = await guessCharset(Buffer.concat(foreign.flatMap((line) => [line, CRLF])), declared);
    for (const node of nodes) {
      const block = node.getHeaders();
      if (!isUtf8(block)) node.headers = new Headers(transcodeHeader(block, charset));
    }
    changed = true;
  }

  // A multipart message without a single boundary line: its text is all there is.
  if (root.multipart && nodes.length === 1) {
    root.setContentType('text/plain');
    const text = Buffer.concat(chunks.flatMap((chunk) => (isNode(chunk) ? [] : [chunk.value])));
    const charset = await bodyCharset(text, declared);
    if (charset) root.setCharset(charset);
    changed = true;
  }

  for (const { node, body } of leaves(chunks)) {
    // The only part of a message is its body, whatever its Content-Disposition says.
    if (node === root && (node.contentType === 'text/plain' || node.contentType === 'text/html')) {
      if (node.disposition && node.headers) {
        node.headers.remove('Content-Disposition');
        node.disposition = false;
        changed = true;
      }
    }
    if (!node.charset && isBodyText(node)) {
      const charset = await bodyCharset(await decodeBody(node, body), declared);
      if (charset) {
        node.setCharset(charset);
        changed = true;
      }
    }
  }

  const bodies = leaves(chunks)
    .map(({ node }) => node)
    .filter(isBodyText);
  const separateHtml =
    bodies.some((node) => node.contentType === 'text/plain') &&
    bodies.some((node) => node.contentType === 'text/html' && !isAlternative(node));

  if (!changed) return { raw, separateHtml };
  return {
    raw: Buffer.concat(chunks.map((chunk) => (isNode(chunk) ? chunk.getHeaders() : chunk.value))),
    separateHtml,
  };
}
