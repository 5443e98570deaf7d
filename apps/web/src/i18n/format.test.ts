import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatRelative } from './format';

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

  it('says how long ago something was, in the largest whole unit', () => {
    const now = Date.parse('2025-03-09T12:00:00Z');
    const ago = (seconds: number) => new Date(now - seconds * 1000);
    expect(formatRelative('en', ago(20), now)).toBe('now');
    expect(formatRelative('en', ago(5 * 60 + 50), now)).toBe('5 minutes ago');
    expect(formatRelative('en', ago(3 * 60 * 60), now)).toBe('3 hours ago');
    expect(formatRelative('en', ago(30 * 60 * 60), now)).toBe('yesterday');
    expect(formatRelative('en', new Date(now + 2 * 24 * 60 * 60 * 1000).toISOString(), now)).toBe(
      'in 2 days',
    );
    expect(formatRelative('de', ago(2 * 60), now)).toBe('vor 2 Minuten');
  });
});
