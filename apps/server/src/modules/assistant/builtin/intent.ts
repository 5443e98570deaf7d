import type { ActionType } from '@atrium/shared';
import {
  BENEFICIARY_LINKS,
  CLASSES,
  GERMAN_S_DETERMINERS,
  HOSTNAME_LIKE,
  INJECTION_MARKUP,
  LEXICONS,
  NOT_HOSTNAMES,
  NOT_PEOPLE,
  OWNER_LINKS,
  PHRASE_KINDS,
  type PhraseKind,
  STOPWORDS,
} from './lexicon';
import { type Classes, compilePattern, matchEnd, matchesAny, matchesAt, type Pattern } from './patterns';
import { compact, type Token, tokenize } from './text';

export type DeviceActionType = Exclude<ActionType, 'install_software'>;

export type Intent =
  | { kind: 'injection' }
  | { kind: 'tickets' }
  | { kind: 'person' }
  | { kind: 'install' }
  | { kind: 'uninstall' }
  | { kind: 'action'; type: DeviceActionType }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'question' };

export type Reading = {
  intent: Intent;
  tokens: Token[];
  /** Someone else's device or many devices are named ("Marie's PC", "all computers"). */
  isForOthers: boolean;
  /** A short "yes", "oui", "gerne"… answering an offer. */
  isYes: boolean;
  /**
   * The words after "I need", "get me", "mi serve"…: a catalog name among them, without an install
   * verb, still asks for an install.
   */
  wanted: Token[];
  /** What follows (or, in German, precedes) the install verb, as typed: "Adobe Photoshop". */
  requestedSoftware?: string;
};

const CLASS_PATTERNS: Classes = Object.fromEntries(
  Object.entries(CLASSES).map(([name, sources]) => [name, sources.map(compilePattern)]),
);

const PHRASES = Object.fromEntries(
  PHRASE_KINDS.map((kind) => [
    kind,
    Object.values(LEXICONS).flatMap((lexicon) => lexicon[kind].map(compilePattern)),
  ]),
) as Record<PhraseKind, Pattern[]>;

/** Checked in this order: "forgot my password, please reset it" is a password reset, not a reboot. */
const ACTION_ORDER: DeviceActionType[] = ['reset_password', 'logoff', 'lock', 'shutdown', 'reboot'];

const DEVICE = compilePattern('@device');
const APP = compilePattern('@app');

const STOP = new Set(Object.values(STOPWORDS).flatMap((list) => list.split(' ')));

const YES_MAX_WORDS = 5;
/** "Hello", "thanks, that's great!": longer messages say more than that. */
const SOCIAL_MAX_WORDS = 6;

export function readMessage(message: string): Reading {
  const tokens = tokenize(message);
  const words = tokens.map((token) => token.word);
  const has = (kind: PhraseKind) => matchesAny(PHRASES[kind], words, CLASS_PATTERNS);
  const reading = (intent: Intent): Reading => ({
    intent,
    tokens,
    isForOthers: has('others') || namesAnotherOwner(tokens),
    isYes: words.length <= YES_MAX_WORDS && has('yes'),
    wanted: wantedAfter(words, tokens),
  });

  if (has('injection') || INJECTION_MARKUP.some((markup) => markup.test(message))) {
    return reading({ kind: 'injection' });
  }
  if (has('tickets')) return reading({ kind: 'tickets' });
  if (has('person')) return reading({ kind: 'person' });
  // Checked first: "uninstall Zoom" must not read as "install Zoom".
  if (has('uninstall')) return { ...reading({ kind: 'uninstall' }), wanted: [] };
  const installAt = findInstallVerb(words);
  if (installAt >= 0) {
    return { ...reading({ kind: 'install' }), requestedSoftware: softwareNear(tokens, installAt) };
  }
  const type = requestedAction(message);
  if (type) return reading({ kind: 'action', type });
  if (words.length <= SOCIAL_MAX_WORDS && has('thanks')) return reading({ kind: 'thanks' });
  if (words.length <= SOCIAL_MAX_WORDS && has('hello')) return reading({ kind: 'greeting' });
  return reading({ kind: 'question' });
}

const WANTED_WORDS = 4;

function wantedAfter(words: string[], tokens: Token[]): Token[] {
  for (let at = 0; at < words.length; at += 1) {
    for (const pattern of PHRASES.want) {
      const end = matchEnd(pattern, words, at, CLASS_PATTERNS);
      if (end >= 0) return tokens.slice(end, end + WANTED_WORDS);
    }
  }
  return [];
}

/**
 * The action a sentence asks for. A sentence describing a symptom ("it keeps restarting") or about
 * an application ("restart Outlook") is a question for the knowledge base; sentences are read one by
 * one so "The apps keep freezing. Could you restart my laptop?" is still a request.
 */
function requestedAction(message: string): DeviceActionType | undefined {
  for (const sentence of message.split(/[.!?;:\n]+/)) {
    const words = tokenize(sentence).map((token) => token.word);
    const has = (patterns: Pattern[]) => matchesAny(patterns, words, CLASS_PATTERNS);
    if (has(PHRASES.symptom) || (has([APP]) && !has([DEVICE]))) continue;
    const type = ACTION_ORDER.find((action) => has(PHRASES[action]));
    if (type) return type;
  }
  return undefined;
}

function findInstallVerb(words: string[]): number {
  for (let at = 0; at < words.length; at += 1) {
    if (PHRASES.install.some((pattern) => matchesAt(pattern, words, at, CLASS_PATTERNS))) return at;
  }
  return -1;
}

function isContent(token: Token, words: string[], at: number): boolean {
  return (
    !STOP.has(token.word) &&
    token.word.length > 1 &&
    !matchesAt(DEVICE, words, at, CLASS_PATTERNS) &&
    !PHRASES.install.some((pattern) => matchesAt(pattern, words, at, CLASS_PATTERNS))
  );
}

/** The words of a software name: the first run of content words after the verb, else before it. */
function softwareNear(tokens: Token[], verbAt: number): string | undefined {
  const words = tokens.map((token) => token.word);
  const run = (from: number, step: 1 | -1): Token[] => {
    const found: Token[] = [];
    let at = from;
    while (at >= 0 && at < tokens.length && !isContent(tokens[at] as Token, words, at)) at += step;
    while (at >= 0 && at < tokens.length && isContent(tokens[at] as Token, words, at) && found.length < 4) {
      found.push(tokens[at] as Token);
      at += step;
    }
    return step === 1 ? found : found.reverse();
  };
  const after = run(verbAt + 1, 1);
  const name = after.length > 0 ? after : run(verbAt - 1, -1);
  return name.length > 0 ? name.map((token) => token.raw).join(' ') : undefined;
}

/** Content words for a knowledge base search: "Mon imprimante n'imprime plus" → "imprimante imprime". */
export function keywords(tokens: Token[]): string[] {
  return [
    ...new Set(tokens.filter((t) => !STOP.has(t.word) && t.word.length > 1).map((t) => t.raw.toLowerCase())),
  ];
}

function isName(token: Token | undefined): boolean {
  if (!token || token.raw.length < 2) return false;
  const first = token.raw[0] as string;
  const isCapitalised = first !== first.toLowerCase() && token.raw !== token.raw.toUpperCase();
  return isCapitalised && !NOT_PEOPLE.has(token.word) && !STOP.has(token.word);
}

/** "l'ordinateur de Marie", "the laptop of Sam", "Marie's PC", "Maries Rechner", "for Thomas". */
function namesAnotherOwner(tokens: Token[]): boolean {
  const words = tokens.map((token) => token.word);
  for (let at = 0; at < tokens.length; at += 1) {
    const word = words[at] as string;
    if (BENEFICIARY_LINKS.includes(word) && isName(tokens[at + 1])) return true;
    if (!matchesAt(DEVICE, words, at, CLASS_PATTERNS)) continue;
    for (let link = at + 1; link <= at + 3 && link < tokens.length; link += 1) {
      if (OWNER_LINKS.includes(words[link] as string) && isName(tokens[link + 1])) return true;
    }
    const before = tokens[at - 1];
    if (before?.word === 's' && isName(tokens[at - 2])) return true;
    if (
      at > 1 &&
      before &&
      isName(before) &&
      before.word.endsWith('s') &&
      before.word.length > 3 &&
      !GERMAN_S_DETERMINERS.has(before.word)
    ) {
      return true;
    }
  }
  return false;
}

/** Names in `message` that look like hostnames but are none of `own` ("reboot PC-MARIE"). */
export function foreignHostnames(message: string, own: string[]): string[] {
  const ownCompact = new Set(own.map(compact));
  const found = new Set<string>();
  for (const pattern of HOSTNAME_LIKE) {
    for (const match of message.matchAll(pattern)) {
      const name = match[0];
      if (!ownCompact.has(compact(name)) && !NOT_HOSTNAMES.has(name.toLowerCase())) found.add(name);
    }
  }
  return [...found];
}

/** The contact's devices whose hostname the message names, in any spacing: "pc-alex", "PC ALEX". */
export function namedDevices<T extends { hostname: string }>(message: string, devices: T[]): T[] {
  const words = tokenize(message).map((token) => token.word);
  return devices.filter((device) => {
    const parts = tokenize(device.hostname).map((token) => token.word);
    const target = parts.join('');
    for (let at = 0; at < words.length; at += 1) {
      for (let length = 1; length <= parts.length && at + length <= words.length; length += 1) {
        if (words.slice(at, at + length).join('') === target) return true;
      }
    }
    return false;
  });
}
