import { isUtf8 } from 'node:buffer';
import { decode } from 'libmime/lib/charset';

/**
 * Which charset undeclared text is in: raw 8-bit bytes in a header (no encoded-word), or a body
 * part without a `charset` parameter. Old and Asian mail clients send both.
 */

/** The ISO-2022-JP shifts into JIS X 0208 / 0212 (RFC 1468): 7-bit Japanese with escapes. */
const ISO_2022_JP_SHIFTS = ['\x1b$@', '\x1b$B', '\x1b$(D'].map((shift) => Buffer.from(shift, 'latin1'));

/**
 * Charsets a detector may name for our purpose, by script. The Latin ones all come out as
 * Windows-1252: on a few bytes a detector cannot tell them apart, and the languages of the portal
 * (English, French, German, Spanish, Italian) are all written in it.
 */
const LATIN = new Set([
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'windows-1250',
  'iso-8859-2',
  'windows-1254',
]);
const ALPHABETIC: Record<string, RegExp> = {
  'windows-1251': /\p{Script=Cyrillic}{3}/u,
  'koi8-r': /\p{Script=Cyrillic}{3}/u,
  'iso-8859-5': /\p{Script=Cyrillic}{3}/u,
  'windows-1253': /\p{Script=Greek}{3}/u,
  'iso-8859-7': /\p{Script=Greek}{3}/u,
};
const CJK = new Set(['gb18030', 'gbk', 'gb2312', 'big5', 'shift_jis', 'cp932', 'euc-jp', 'euc-kr', 'cp949']);

/** Replacement characters, private-use code points and control characters: what a wrong charset makes. */
function hasGarbage(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || (code >= 0x7f && code <= 0x9f)) return true;
    if (code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') return true;
  }
  return false;
}
/** A letter of another script in the middle of a Latin word: Latin text read in the wrong charset. */
const SPLIT_WORD =
  /[A-Za-z][\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+[A-Za-z]/u;

function reads(bytes: Buffer, charset: string): boolean {
  const text = decode(bytes, charset);
  if (hasGarbage(text) || SPLIT_WORD.test(text)) return false;
  // A stray Cyrillic or Greek letter or two among Latin words is Latin text read wrong; real
  // Cyrillic or Greek text has words of several letters.
  const alphabet = ALPHABETIC[charset];
  return !alphabet || alphabet.test(text);
}

const normalize = (charset: string) => {
  const name = charset.toLowerCase().replace(/^iso8859-/, 'iso-8859-');
  return LATIN.has(name) ? 'windows-1252' : name;
};

/**
 * The charset 8-bit bytes that are not UTF-8 are most likely in: one the message declares for its
 * parts (a client that writes raw header bytes writes them in its own charset), else what a
 * statistical detector ranks first among the charsets that read the bytes as text, else
 * Windows-1252. Whatever comes out decodes every byte: no U+FFFD.
 */
export async function guessCharset(bytes: Buffer, declared: string[]): Promise<string> {
  for (const charset of declared) {
    if (reads(bytes, charset)) return charset;
  }
  // Loaded on first need: most mail declares its charsets, and the detector's model is large.
  const { detectAll } = await import('jschardet');
  for (const { encoding } of detectAll(bytes)) {
    const charset = encoding && normalize(encoding);
    if (!charset || !(charset === 'windows-1252' || charset in ALPHABETIC || CJK.has(charset))) continue;
    if (reads(bytes, charset)) return charset;
  }
  return reads(bytes, 'windows-1252') ? 'windows-1252' : 'iso-8859-1';
}

/**
 * The charset of a text body part that declares none, or undefined when the default (US-ASCII
 * read as UTF-8) reads it right.
 */
export async function bodyCharset(bytes: Buffer, declared: string[]): Promise<string | undefined> {
  if (ISO_2022_JP_SHIFTS.some((shift) => bytes.includes(shift))) return 'iso-2022-jp';
  if (isUtf8(bytes)) return undefined;
  return guessCharset(bytes, declared);
}
