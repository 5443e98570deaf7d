import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';

describe('the language a message is written in', () => {
  it.each([
    ['My computer is very slow, can you help me?', 'en'],
    ["Mon ordinateur ne démarre plus, j'ai besoin d'aide", 'fr'],
    ['Ich möchte meinen Rechner neu starten', 'de'],
    ['Quiero instalar el navegador en mi ordenador', 'es'],
    ['Vorrei riavviare il mio computer, per favore', 'it'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text, 'en' === language ? 'fr' : 'en')).toBe(language);
  });

  it.each([
    ['redemarre mon pc stp', 'fr'],
    ['Passwort zurucksetzen bitte', 'de'],
    ['Outlook non invia le email', 'it'],
    ['Il Wi-Fi si disconnette in continuazione', 'it'],
    ['No me llegan los correos', 'es'],
  ])('reads %s without accents or with loanwords as %s', (text, language) => {
    expect(detectLanguage(text, 'en' === language ? 'fr' : 'en')).toBe(language);
  });

  it('keeps the portal language when the message does not tell', () => {
    expect(detectLanguage('PC-ALEX', 'de')).toBe('de');
    expect(detectLanguage('7-Zip?', 'it')).toBe('it');
    expect(detectLanguage('VPN email password', 'es')).toBe('es');
  });
});
