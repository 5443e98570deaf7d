/**
 * uuencoded files, as old mailers (and scripts that still call `uuencode`) send them: a part with
 * `Content-Transfer-Encoding: x-uuencode`, or `begin 644 name` … `end` right in the text.
 */

export type UuFile = { filename: string; content: Buffer };

const BEGIN = /^begin [0-7]{3,4} (\S.*)$/;
/** Transfer encodings that name uuencoding; mailparser knows none of them. */
export const UUENCODE_TRANSFER_ENCODINGS = new Set(['x-uuencode', 'uuencode', 'x-uue', 'x-uu']);

const sextet = (char: string) => (char.charCodeAt(0) - 32) & 0x3f;

/** One encoded line: its first character says how many bytes it holds. Undefined if it is no such line. */
function decodeLine(line: string): Buffer | undefined {
  const length = sextet(line[0] ?? '`');
  const needed = Math.ceil(length / 3) * 4;
  // Some encoders add a checksum character, and trailing spaces go missing in transit.
  const chars = line.slice(1).padEnd(needed, ' ');
  if (chars.length > needed + 1 || /[^\x20-\x60]/.test(chars)) return undefined;
  const bytes: number[] = [];
  for (let index = 0; index < needed; index += 4) {
    const [a, b, c, d] = [...chars.slice(index, index + 4)].map(sextet) as [number, number, number, number];
    bytes.push((a << 2) | (b >> 4), ((b & 0x0f) << 4) | (c >> 2), ((c & 0x03) << 6) | d);
  }
  return Buffer.from(bytes.slice(0, length));
}

/**
 * The uuencoded files in a text, and the text without them. A block counts only when every line
 * between `begin` and `end` decodes: prose that happens to start with "begin 644" stays prose.
 */
export function extractUuencoded(text: string): { text: string; files: UuFile[] } {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  const files: UuFile[] = [];
  for (let index = 0; index < lines.length; index++) {
    const begin = BEGIN.exec(lines[index] ?? '');
    const end = begin ? lines.findIndex((line, at) => at > index && line.trim() === 'end') : -1;
    const parts = end > 0 ? lines.slice(index + 1, end).map((line) => decodeLine(line.trimEnd())) : [];
    if (!begin?.[1] || end < 0 || parts.some((part) => part === undefined)) {
      kept.push(lines[index] ?? '');
      continue;
    }
    files.push({ filename: begin[1].trim(), content: Buffer.concat(parts as Buffer[]) });
    index = end;
  }
  return { text: kept.join('\n'), files };
}
