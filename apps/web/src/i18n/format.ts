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

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 60 * 60],
  ['month', 30 * 24 * 60 * 60],
  ['day', 24 * 60 * 60],
  ['hour', 60 * 60],
  ['minute', 60],
];

/** "5 minutes ago", "yesterday", "now": the largest whole unit between `value` and `now`. */
export function formatRelative(language: string, value: Date | string | number, now = Date.now()): string {
  const seconds = Math.round(((value instanceof Date ? value : new Date(value)).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  // Under a minute is "now": heartbeats and clocks are not that precise.
  return format.format(0, 'second');
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
      relative: (value: Date | string | number) => formatRelative(language, value),
    }),
    [language],
  );
}
