import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function formatDate(
  language: string,
  value: Date | string | number,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return new Intl.DateTimeFormat(language, options).format(value instanceof Date ? value : new Date(value));
}

export function formatNumber(language: string, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(language, options).format(value);
}

/** Date and number formatting in the language the UI is currently shown in. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(
    () => ({
      date: (value: Date | string | number, options?: Intl.DateTimeFormatOptions) =>
        formatDate(language, value, options),
      number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(language, value, options),
    }),
    [language],
  );
}
