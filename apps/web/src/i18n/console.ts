import consoleStrings from './locales/en/console.json';
import shared from './locales/en/shared.json';
import { createI18n } from './setup';

/** The console is English only for now; its strings still go through i18next. */
export function createConsoleI18n() {
  return createI18n({
    language: 'en',
    supportedLanguages: ['en'],
    namespaces: ['shared', 'console'],
    english: { shared, console: consoleStrings },
  });
}
