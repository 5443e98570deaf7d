import { LANGUAGES, type Language } from '@atrium/shared';
import { seededRandom } from '../apps/server/src/test/seeded-random';
import { TOPIC_COUNT, VOCABULARY } from './words';

/**
 * Small pools of generated text that the set-based seed fans out to a million rows with joins.
 * Writing a million descriptions word by word in SQL would cost minutes; picking two paragraphs
 * out of 20,000 per ticket gives ~4·10⁸ distinct descriptions for the price of a hash join.
 */
export type PoolRow = { kind: PoolKind; lang: Language; topic: number; i: number; t: string };
export type PoolKind = 'ticket_title' | 'ticket_para' | 'kb_title' | 'kb_para';

/** Per topic: how many texts of each kind the seed may pick from (its SQL uses the same numbers). */
export const POOL_SIZES: Record<PoolKind, number> = {
  ticket_title: 200,
  ticket_para: 1000,
  kb_title: 40,
  kb_para: 60,
};

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Topic words about two in five, the rest the language's everyday words: reads like a hurried ticket. */
function words(random: Random, lang: Language, topic: number, count: number): string[] {
  const vocabulary = VOCABULARY[lang];
  const topicWords = vocabulary.topics[topic] ?? [];
  return Array.from({ length: count }, () =>
    random() < 0.4 ? pick(random, topicWords) : pick(random, vocabulary.common),
  );
}

function sentence(random: Random, lang: Language, topic: number): string {
  return `${capitalize(words(random, lang, topic, between(random, 7, 14)).join(' '))}.`;
}

/** Sentences until `min` characters, cut back to whole words under `max`. */
function paragraph(random: Random, lang: Language, topic: number, min: number, max: number): string {
  let text = sentence(random, lang, topic);
  while (text.length < min) text += ` ${sentence(random, lang, topic)}`;
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' '))}.`;
}

function title(random: Random, lang: Language, topic: number): string {
  const vocabulary = VOCABULARY[lang];
  // A title always names its topic, then a few words about what goes wrong.
  const head = pick(random, vocabulary.topics[topic] ?? []);
  return capitalize([head, ...words(random, lang, topic, between(random, 3, 8))].join(' '));
}

function poolOf(kind: PoolKind, lang: Language, make: (topic: number) => string): PoolRow[] {
  const rows: PoolRow[] = [];
  for (let topic = 0; topic < TOPIC_COUNT; topic++) {
    for (let i = 0; i < POOL_SIZES[kind]; i++) rows.push({ kind, lang, topic, i, t: make(topic) });
  }
  return rows;
}

/** Ticket text is English: tickets search with the 'simple' configuration, whatever the language. */
export function ticketPools(): PoolRow[] {
  const random = seededRandom(1);
  return [
    ...poolOf('ticket_title', 'en', (topic) => title(random, 'en', topic)),
    // Two of these make a description of 200–500 characters.
    ...poolOf('ticket_para', 'en', (topic) => paragraph(random, 'en', topic, 100, 250)),
  ];
}

/** Article text in each of the five languages; four paragraphs make a body of ~0.9–1.4 kB. */
export function kbPools(): PoolRow[] {
  const random = seededRandom(2);
  return LANGUAGES.flatMap((lang) => [
    ...poolOf('kb_title', lang, (topic) => title(random, lang, topic)),
    ...poolOf('kb_para', lang, (topic) => paragraph(random, lang, topic, 220, 350)),
  ]);
}
