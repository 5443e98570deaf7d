import { compact, isWord, type Token } from './text';

type Software = { id: string; name: string };

/** Parts of names that say whose or what kind, not which: "Google Chrome" is asked for as "Chrome". */
const GENERIC_NAME_WORDS = new Set(
  'google microsoft adobe mozilla apple media player reader client desktop app for the pro free'.split(' '),
);

const MAX_NAME_WORDS = 4;

/**
 * The catalog entry a message asks for: its whole name in any spacing or punctuation, one typo
 * forgiven ("7 zip", "notepad++", "fire fox", "Firefx"), or a distinctive word of it ("Chrome").
 */
export function findSoftware<T extends Software>(tokens: Token[], catalog: T[]): T | undefined {
  let best: { software: T; score: number } | undefined;
  for (const software of catalog) {
    const score = scoreName(tokens, software.name);
    if (score > 0 && (!best || score > best.score)) best = { software, score };
  }
  return best?.software;
}

function scoreName(tokens: Token[], name: string): number {
  const whole = compact(name);
  let score = 0;
  for (let at = 0; at < tokens.length; at += 1) {
    let joined = '';
    for (let length = 1; length <= MAX_NAME_WORDS && at + length <= tokens.length; length += 1) {
      joined += tokens[at + length - 1]?.word ?? '';
      if (joined === whole) return 3;
      if (isWord(joined, whole)) score = Math.max(score, 2);
    }
  }
  const words = name.split(/\s+/).map(compact);
  const distinctive = words.filter((word) => word.length >= 3 && !GENERIC_NAME_WORDS.has(word));
  if (words.length > 1 && tokens.some((token) => distinctive.some((word) => isWord(token.word, word)))) {
    score = Math.max(score, 1);
  }
  return score;
}
