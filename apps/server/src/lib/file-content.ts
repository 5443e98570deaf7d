import path from 'node:path';
import { Readable } from 'node:stream';
import { fileTypeFromBuffer, fileTypeFromStream } from 'file-type';

/**
 * What a file is, read from its bytes rather than from its name or the type its sender declared:
 * both are the sender's word, and a program renamed `photo.png` is still a program.
 */

/** A file's bytes: in memory (a mail attachment), or a stream opened on demand (a stored upload). */
export type FileBytes = Buffer | (() => Readable);

/** Unknown binary content: no signature we know, and not text. */
export const UNKNOWN_BINARY = 'application/octet-stream';

/**
 * Office 97–2003 files share one container (CFB) whose signature says nothing of what is inside;
 * their name tells Word from Excel. An .msi is the same container and stays `application/x-cfb`.
 */
const CFB_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  dot: 'application/msword',
  xls: 'application/vnd.ms-excel',
  xlt: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  pps: 'application/vnd.ms-powerpoint',
  pot: 'application/vnd.ms-powerpoint',
  msg: 'application/vnd.ms-outlook',
};

/** Text has no signature: the kind of text is taken from the declared type or the name, among these. */
const TEXT_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  eml: 'message/rfc822',
  md: 'text/markdown',
};
const TEXT_TYPES = new Set(Object.values(TEXT_BY_EXTENSION));

/**
 * What a browser would take for HTML or XML (WHATWG MIME Sniffing §7.1: the tag at the start of the
 * content, after whitespace), so such text is called HTML whatever its name.
 */
const HTML_START =
  /^(?:<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg)[\s/>]|<!--|<\?xml)/i;

/**
 * Control characters that text may hold: tab, line ends, vertical tab, form feed, SUB (the old DOS
 * end of file) and ESC (ISO-2022 charsets switch with it). Any other, or NUL, means binary.
 */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b]);
const isBinaryUnit = (unit: number) => unit < 0x20 && !TEXT_CONTROLS.has(unit);

/** How much of the start is looked at for markup and for a `#!` line. */
const HEAD_BYTES = 1024;

async function* chunksOf(bytes: FileBytes): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(bytes)) {
    yield bytes;
    return;
  }
  for await (const chunk of bytes()) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
}

async function signatureType(bytes: FileBytes): Promise<string | undefined> {
  if (Buffer.isBuffer(bytes)) return (await fileTypeFromBuffer(bytes))?.mime;
  const stream = bytes();
  try {
    return (await fileTypeFromStream(Readable.toWeb(stream)))?.mime;
  } finally {
    // It stops reading once it knows; the rest of the file is not wanted.
    stream.destroy();
  }
}

/**
 * Reads the whole file as text: any 8-bit charset or UTF-8 (Windows-1252 logs are common), or
 * UTF-16 with a byte-order mark (what PowerShell 5 writes with `>`). Returns the start of the text,
 * or undefined when a byte says it is binary.
 */
async function textHead(bytes: FileBytes): Promise<string | undefined> {
  let head = Buffer.alloc(0);
  let utf16: 'utf-16le' | 'utf-16be' | undefined;
  let carry: number | undefined;
  let length = 0;
  for await (const chunk of chunksOf(bytes)) {
    if (length === 0 && chunk.length >= 2) {
      if (chunk[0] === 0xff && chunk[1] === 0xfe) utf16 = 'utf-16le';
      if (chunk[0] === 0xfe && chunk[1] === 0xff) utf16 = 'utf-16be';
    }
    if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
    for (const byte of chunk) {
      if (!utf16) {
        if (isBinaryUnit(byte)) return undefined;
      } else if (carry === undefined) {
        carry = byte;
      } else {
        if (isBinaryUnit(utf16 === 'utf-16le' ? carry | (byte << 8) : (carry << 8) | byte)) return undefined;
        carry = undefined;
      }
    }
    length += chunk.length;
  }
  if (carry !== undefined) return undefined;
  // Only ASCII markup is looked for in it, so a wrong guess of an 8-bit charset does no harm.
  return new TextDecoder(utf16 ?? 'utf-8').decode(head);
}

/** The kind of text a file is: scripts and markup by their start, else what its sender or name says. */
function textType(head: string, extension: string, declared: string): string {
  const start = head.replace(/^[\t\n\f\r ]+/, '');
  if (HTML_START.test(start)) return 'text/html';
  if (start.startsWith('#!')) return 'text/x-shellscript';
  if (TEXT_TYPES.has(declared)) return declared;
  return TEXT_BY_EXTENSION[extension] ?? 'text/plain';
}

/**
 * The media type of a file, from its signature (file-type), else as text when every byte is text,
 * else `application/octet-stream`. The name and the declared type only refine what the bytes cannot
 * tell apart (which Office 97 program, which kind of text); they never make a file what it is not.
 */
export async function detectContentType(
  bytes: FileBytes,
  filename: string,
  declared: string,
): Promise<string> {
  const extension = path.extname(filename).slice(1).toLowerCase();
  const signature = await signatureType(bytes);
  if (signature === 'application/x-cfb') return CFB_BY_EXTENSION[extension] ?? signature;
  // UTF-16's byte-order mark, FF FE, also reads as the header of an MPEG audio frame.
  if (signature && signature !== 'audio/mpeg') return signature;
  const head = await textHead(bytes);
  if (head === undefined) return signature ?? UNKNOWN_BINARY;
  return textType(head, extension, declared.toLowerCase().split(';')[0]?.trim() ?? '');
}
