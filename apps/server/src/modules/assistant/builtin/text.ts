/**
 * Text as the builtin assistant compares it: lowercase, no accents (people often type "redemarrer"
 * or "Passwort zurucksetzen" on a keyboard of another language), words split on anything that is not
 * a letter or a digit, so "l'ordinateur" and "PC-ALEX" become two words each.
 */

export type Token = {
  /** Lowercase, without accents. */
  word: string;
  /** As typed, for names ("Marie") and software ("Notepad++"). */
  raw: string;
};

export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[’‘`´]/g, "'");
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    tokens.push({ word: normalize(match[0]), raw: match[0] });
  }
  return tokens;
}

/** Letters and digits only: "7-Zip", "7 zip" and "7zip" compare equal, as do "Notepad++" and "notepad". */
export function compact(text: string): string {
  return normalize(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`, stopping once past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * One typo is forgiven in words of five letters or more; shorter ones ("pc", "lock", "vlc") would
 * then match too many other words. The first letter must be right: typos rarely fall there, and
 * "meinen" must not read as "seinen".
 */
function typosAllowed(word: string): number {
  return word.length >= 5 ? 1 : 0;
}

/** Missing a letter is forgiven in long words only: "serve" is a word of its own, not "server". */
const MISSING_LETTER_MIN = 7;

export function isWord(token: string, word: string): boolean {
  if (token === word) return true;
  const max = typosAllowed(word);
  if (max === 0 || token[0] !== word[0]) return false;
  if (token.length < word.length && word.length < MISSING_LETTER_MIN) return false;
  return editDistance(token, word, max) <= max;
}

/** `token` starts with `stem`, give or take one typo in the stem itself. */
export function hasStem(token: string, stem: string): boolean {
  if (token.startsWith(stem)) return true;
  const max = typosAllowed(stem);
  // A word shorter than the stem is another word ("serve" is not "server*").
  if (max === 0 || token[0] !== stem[0] || token.length < stem.length) return false;
  for (let length = stem.length - max; length <= stem.length + max; length += 1) {
    if (editDistance(token.slice(0, length), stem, max) <= max) return true;
  }
  return false;
}
