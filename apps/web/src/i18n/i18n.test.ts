import { ERROR_STATUS, type ErrorCode, LANGUAGES, type Language } from '@atrium/shared';
import { describe, expect, it } from 'vitest';

/** The namespaces every one of the five languages must have in full. */
const TRANSLATED_NAMESPACES = ['shared', 'portal', 'console'] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

const files = import.meta.glob<unknown>('./locales/*/*.json', { eager: true, import: 'default' });

function resource(language: string, namespace: string): unknown {
  return files[`./locales/${language}/${namespace}.json`];
}

/** Flattens nested resources to `a.b.c` keys; any value that is not a string is reported as one. */
function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [childKey, leaf] of flatten(child, prefix ? `${prefix}.${key}` : key)) {
        entries.set(childKey, leaf);
      }
    }
  } else {
    entries.set(prefix, value);
  }
  return entries;
}

/**
 * Languages have different plural forms (French has `_many`, English does not), so plural keys are
 * compared by their base key, and each language must have exactly the forms it needs.
 */
function baseKey(key: string): string {
  return key.replace(PLURAL_SUFFIX, '');
}

function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*-?\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((match) => match[1] ?? '');
  return [...new Set(names)].sort();
}

function strings(language: Language, namespace: string): Map<string, unknown> {
  return flatten(resource(language, namespace));
}

describe.each(TRANSLATED_NAMESPACES)('the %s namespace', (namespace) => {
  it('has a resource file for every language', () => {
    const missing = LANGUAGES.filter((language) => resource(language, namespace) === undefined);
    expect(missing, `languages without locales/<language>/${namespace}.json`).toEqual([]);
  });

  it('has a non-empty string for every key in every language', () => {
    const problems = LANGUAGES.flatMap((language) =>
      [...strings(language, namespace)]
        .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
        .map(([key]) => `${language}: ${key}`),
    );
    expect(problems, 'empty or non-string values').toEqual([]);
  });

  it('has the same keys in every language', () => {
    const baseKeys = new Map(
      LANGUAGES.map((language) => [language, new Set([...strings(language, namespace).keys()].map(baseKey))]),
    );
    const allKeys = new Set([...baseKeys.values()].flatMap((keys) => [...keys]));
    const missing = LANGUAGES.flatMap((language) =>
      [...allKeys].filter((key) => !baseKeys.get(language)?.has(key)).map((key) => `${language}: ${key}`),
    );
    expect(missing, 'keys present in one language and missing in another').toEqual([]);
  });

  it('has every plural form each language needs, and no other', () => {
    const problems = LANGUAGES.flatMap((language) => {
      const keys = [...strings(language, namespace).keys()];
      const pluralBases = new Set(keys.filter((key) => PLURAL_SUFFIX.test(key)).map(baseKey));
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      return [...pluralBases].flatMap((base) => {
        const present = keys
          .filter((key) => baseKey(key) === base && key !== base)
          .map((key) => key.slice(base.length + 1));
        const lacking = needed
          .filter((form) => !present.includes(form))
          .map((form) => `${language}: ${base}_${form} missing`);
        const extra = present.filter(
          (form) => form !== 'zero' && !needed.includes(form as Intl.LDMLPluralRule),
        );
        return [
          ...lacking,
          ...extra.map((form) => `${language}: ${base}_${form} is not a plural form of ${language}`),
        ];
      });
    });
    expect(problems).toEqual([]);
  });

  it('uses the same interpolation placeholders in every language', () => {
    const placeholdersByKey = (language: Language) => {
      const byKey = new Map<string, Set<string>>();
      for (const [key, value] of strings(language, namespace)) {
        if (typeof value !== 'string') continue;
        const names = byKey.get(baseKey(key)) ?? new Set<string>();
        for (const name of placeholders(value)) names.add(name);
        byKey.set(baseKey(key), names);
      }
      return byKey;
    };
    const english = placeholdersByKey('en');
    const mismatches = LANGUAGES.filter((language) => language !== 'en').flatMap((language) =>
      [...placeholdersByKey(language)]
        .filter(([key, names]) => {
          const expected = [...(english.get(key) ?? [])].sort().join(', ');
          return english.has(key) && [...names].sort().join(', ') !== expected;
        })
        .map(([key, names]) => `${language}: ${key} uses {${[...names].join(', ')}}`),
    );
    expect(mismatches, 'placeholders that differ from English').toEqual([]);
  });
});

describe('error codes', () => {
  const codes = Object.keys(ERROR_STATUS) as ErrorCode[];

  it.each(LANGUAGES)('are all translated in %s', (language) => {
    const shared = strings(language, 'shared');
    const untranslated = codes.filter((code) => {
      const text = shared.get(`errors.${code}`);
      return typeof text !== 'string' || text.trim() === '';
    });
    expect(untranslated, `ErrorCode values with no errors.<code> in ${language}/shared.json`).toEqual([]);
  });

  it.each(LANGUAGES)('have a generic fallback in %s', (language) => {
    expect(strings(language, 'shared').get('errors.generic')).toEqual(expect.any(String));
  });
});

describe('the test helpers', () => {
  it('find placeholders, with spaces, formats and unescaped values', () => {
    expect(placeholders('Hello, {{firstName}} · {{ count }} · {{date, datetime}} · {{- raw}}')).toEqual([
      'count',
      'date',
      'firstName',
      'raw',
    ]);
  });

  it('compare plural keys by their base key', () => {
    expect(baseKey('tickets.count_many')).toBe('tickets.count');
    expect(baseKey('tickets.other')).toBe('tickets.other');
  });
});
