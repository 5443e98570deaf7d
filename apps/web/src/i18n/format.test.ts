import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './format';

describe('formatting', () => {
  it('formats numbers in the given language', () => {
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatNumber('de', 1234.5)).toBe('1.234,5');
  });

  it('formats dates in the given language, from a Date or an ISO string', () => {
    const iso = '2025-03-09T12:00:00Z';
    expect(formatDate('en', iso, { dateStyle: 'long', timeZone: 'UTC' })).toBe('March 9, 2025');
    expect(formatDate('fr', new Date(iso), { dateStyle: 'long', timeZone: 'UTC' })).toBe('9 mars 2025');
  });
});
