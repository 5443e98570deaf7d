import { LANGUAGES, type Language } from '@atrium/shared';
import type { ResourceKey } from 'i18next';
import portal from './locales/en/portal.json';
import shared from './locales/en/shared.json';
import { createI18n } from './setup';

// Each other language becomes its own small chunk, fetched only when someone picks it.
const loaders = import.meta.glob<ResourceKey>(['./locales/*/{shared,portal}.json', '!./locales/en/*.json'], {
  import: 'default',
});

export function createPortalI18n(language: Language) {
  return createI18n({
    language,
    supportedLanguages: LANGUAGES,
    namespaces: ['shared', 'portal'],
    english: { shared, portal },
    loaders,
  });
}
