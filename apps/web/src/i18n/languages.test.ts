import { describe, expect, it } from 'vitest';
import { pickBrowserLanguage } from './languages';

describe('pickBrowserLanguage', () => {
  it('takes the first preferred language that the portal has, by its primary subtag', () => {
    expect(pickBrowserLanguage(['nl-BE', 'fr-BE', 'en'])).toBe('fr');
    expect(pickBrowserLanguage(['de-CH'])).toBe('de');
    expect(pickBrowserLanguage(['IT'])).toBe('it');
  });

  it('falls back to English', () => {
    expect(pickBrowserLanguage(['pt-BR', 'nl'])).toBe('en');
    expect(pickBrowserLanguage([])).toBe('en');
  });
});
