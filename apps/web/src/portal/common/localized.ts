import type { Language } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES } from '../../i18n/languages';

/** A text given per language (category names, custom-field labels): the language asked for, else English. */
export function localized(text: Partial<Record<string, string>>, language: Language): string {
  return text[language] ?? text.en ?? Object.values(text).find((value) => value !== undefined) ?? '';
}

/** The language the portal is shown in right now. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(current) ? current : 'en';
}

/** A language's name in the language the portal is shown in ("anglais" in French), for sentences. */
export function languageName(language: Language, inLanguage: Language): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(language) ?? LANGUAGE_NAMES[language];
  } catch {
    return LANGUAGE_NAMES[language];
  }
}
