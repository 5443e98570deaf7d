import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@atrium/shared';

/**
 * Each language in its own name (not translated), so that a person finds theirs whatever language
 * the page is in at the moment.
 */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  it: 'Italiano',
};

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the browser's preferred languages that we have ("fr-CH" counts as "fr"). */
export function pickBrowserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.split('-')[0]?.toLowerCase() ?? '';
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

export function browserLanguage(): Language {
  return pickBrowserLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}
