import type { CustomField } from '@atrium/shared';
import { describe, expect, it } from 'vitest';
import { fromInput, isEmpty, toInput, valuesToSend } from './values';

const field = (key: string, type: CustomField['type'], required = false): CustomField => ({
  id: '00000000-0000-4000-8000-000000000000',
  key,
  type,
  required,
  label: { en: key },
  options: [],
  portalVisibility: 'edit',
  position: 0,
  createdAt: '2025-01-01T00:00:00Z',
});

describe('custom field values', () => {
  it('reads inputs into the stored types', () => {
    expect(fromInput(field('n', 'number'), ' 42 ')).toBe(42);
    expect(fromInput(field('n', 'number'), '')).toBeNull();
    expect(fromInput(field('d', 'date'), '2025-06-10')).toBe('2025-06-10');
    expect(fromInput(field('c', 'checkbox'), true)).toBe(true);
    expect(fromInput(field('t', 'text'), '  ')).toBeNull();
    expect(toInput(3.5)).toBe('3.5');
    expect(toInput(null)).toBe('');
  });

  it('sends only the fields that have a value', () => {
    const fields = [field('a', 'text'), field('b', 'checkbox'), field('c', 'number'), field('d', 'checkbox')];
    expect(valuesToSend(fields, { a: 'x', b: true, c: null, d: false, other: 'y' })).toEqual({
      a: 'x',
      b: true,
    });
    expect(isEmpty(field('b', 'checkbox'), false)).toBe(true);
  });
});
