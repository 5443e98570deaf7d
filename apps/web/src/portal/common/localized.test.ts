import { describe, expect, it } from 'vitest';
import { languageName, localized } from './localized';

describe('localized', () => {
  it('takes the language asked for, then English', () => {
    const name = { en: 'Printers', fr: 'Imprimantes' };
    expect(localized(name, 'fr')).toBe('Imprimantes');
    expect(localized(name, 'de')).toBe('Printers');
  });

  it('takes any text there is when even English is missing', () => {
    expect(localized({ it: 'Stampanti' }, 'de')).toBe('Stampanti');
    expect(localized({}, 'de')).toBe('');
  });
});

describe('languageName', () => {
  it('names a language in the language of the page', () => {
    expect(languageName('en', 'fr')).toBe('anglais');
    expect(languageName('de', 'de')).toBe('Deutsch');
  });
});
