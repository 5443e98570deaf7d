import { describe, expect, it } from 'vitest';
import { addEntries, splitEntries } from './tag-input';

describe('tag input entries', () => {
  it('splits typed text on commas, spaces and semicolons, normalizing each entry', () => {
    expect(splitEntries(' Acme.example, globex.example;;initech.example ', (v) => v.toLowerCase())).toEqual([
      'acme.example',
      'globex.example',
      'initech.example',
    ]);
    expect(splitEntries('  ,  ')).toEqual([]);
  });

  it('adds without duplicates, in the order typed', () => {
    expect(addEntries(['a.example'], ['b.example', 'a.example', 'c.example'])).toEqual([
      'a.example',
      'b.example',
      'c.example',
    ]);
  });
});
