import { hasStem, isWord, normalize } from './text';

/**
 * A phrase of the lexicons, written so a reviewer can read it:
 * - words separated by a space follow each other: `neu start*`;
 * - `..` lets up to four words in between, for objects and separable verbs: `start* .. neu`
 *   matches "Starten Sie bitte meinen Rechner neu"; `~` lets up to two, `...` up to seven (German
 *   separable verbs: "Melden Sie mich bitte von meinem Laptop ab");
 * - `a|b` is either word, `word*` any word starting with it;
 * - `@class` is any word of a class the lexicons define (devices, screens…).
 */
export type Pattern = { source: string; slots: Slot[] };

type Alternative = { text: string; isStem: boolean } | { className: string };
type Slot = { alternatives: Alternative[]; gapBefore: number };

const GAPS: Record<string, number> = { '...': 7, '..': 4, '~': 2 };

export function compilePattern(source: string): Pattern {
  const slots: Slot[] = [];
  let gapBefore = 0;
  for (const part of normalize(source).split(/\s+/).filter(Boolean)) {
    const gap = GAPS[part];
    if (gap !== undefined) {
      gapBefore = gap;
      continue;
    }
    const alternatives = part.split('|').map((text): Alternative => {
      if (text.startsWith('@')) return { className: text.slice(1) };
      return text.endsWith('*') ? { text: text.slice(0, -1), isStem: true } : { text, isStem: false };
    });
    slots.push({ alternatives, gapBefore });
    gapBefore = 0;
  }
  return { source, slots };
}

export type Classes = Record<string, Pattern[]>;

/** Where a pattern matches in `words`: the index after its last word, or -1. */
function matchPattern(pattern: Pattern, words: string[], classes: Classes, from = 0): number {
  for (let start = from; start < words.length; start += 1) {
    const end = matchFrom(pattern.slots, 0, words, start, classes);
    if (end >= 0) return end;
  }
  return -1;
}

/** Where a pattern starting exactly at `words[at]` ends (the index after its last word), or -1. */
export function matchEnd(pattern: Pattern, words: string[], at: number, classes: Classes): number {
  return matchFrom(pattern.slots, 0, words, at, classes);
}

/** Whether a pattern matches starting exactly at `words[at]`. */
export function matchesAt(pattern: Pattern, words: string[], at: number, classes: Classes): boolean {
  return matchEnd(pattern, words, at, classes) >= 0;
}

export function matchesAny(patterns: Pattern[], words: string[], classes: Classes): boolean {
  return patterns.some((pattern) => matchPattern(pattern, words, classes) >= 0);
}

function matchFrom(slots: Slot[], index: number, words: string[], at: number, classes: Classes): number {
  const slot = slots[index];
  if (!slot) return at;
  const last = index === 0 ? at : Math.min(words.length - 1, at + slot.gapBefore);
  for (let position = at; position <= last; position += 1) {
    for (const alternative of slot.alternatives) {
      const end = matchAlternative(alternative, words, position, classes);
      if (end < 0) continue;
      const rest = matchFrom(slots, index + 1, words, end, classes);
      if (rest >= 0) return rest;
    }
  }
  return -1;
}

function matchAlternative(alternative: Alternative, words: string[], at: number, classes: Classes): number {
  if ('className' in alternative) {
    for (const pattern of classes[alternative.className] ?? []) {
      const end = matchFrom(pattern.slots, 0, words, at, classes);
      if (end >= 0) return end;
    }
    return -1;
  }
  const word = words[at];
  if (word === undefined) return -1;
  const isMatch = alternative.isStem ? hasStem(word, alternative.text) : isWord(word, alternative.text);
  return isMatch ? at + 1 : -1;
}
