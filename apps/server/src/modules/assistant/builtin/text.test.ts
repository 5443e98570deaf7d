import { describe, expect, it } from 'vitest';
import { compact, editDistance, hasStem, isWord, normalize, tokenize } from './text';

describe('text as the builtin assistant compares it', () => {
  it('drops case and accents, and splits elisions and hostnames into words', () => {
    expect(normalize('Redémarrer, Zurücksetzen, Straße')).toBe('redemarrer, zurucksetzen, strasse');
    expect(tokenize("l'ordinateur PC-ALEX").map((t) => t.word)).toEqual(['l', 'ordinateur', 'pc', 'alex']);
    expect(tokenize('Marie’s').map((t) => t.raw)).toEqual(['Marie', 's']);
  });

  it('compares software names without spacing or punctuation', () => {
    expect(compact('7-Zip')).toBe(compact('7 zip'));
    expect(compact('Notepad++')).toBe('notepad');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('restrat', 'restart', 2)).toBe(1);
    expect(editDistance('reboot', 'shutdown', 1)).toBe(2);
  });

  it('forgives one typo in long words, never in short ones or in the first letter', () => {
    expect(isWord('humna', 'human')).toBe(true);
    expect(isWord('lock', 'look')).toBe(false);
    expect(isWord('meinen', 'seinen')).toBe(false);
    expect(isWord('serve', 'server')).toBe(false);
    expect(hasStem('redemarer', 'redemarr')).toBe(true);
    expect(hasStem('instaler', 'install')).toBe(true);
    expect(hasStem('uninstall', 'install')).toBe(false);
  });
});
