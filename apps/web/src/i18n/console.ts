import { LANGUAGES, type Language } from '@atrium/shared';
import type { ResourceKey } from 'i18next';
import consoleStrings from './locales/en/console.json';
import shared from './locales/en/shared.json';
import { createI18n } from './setup';

// Each other language becomes its own chunk, fetched only by the technicians who read it.
const loaders = import.meta.glob<ResourceKey>(['./locales/*/{shared,console}.json', '!./locales/en/*.json'], {
  import: 'default',
});

export function createConsoleI18n(language: Language) {
  return createI18n({
    language,
    supportedLanguages: LANGUAGES,
    namespaces: ['shared', 'console'],
    english: { shared, console: consoleStrings },
    loaders,
  });
}
