import { describe, expect, it } from 'vitest';
import {
  type CustomFieldDefinition,
  checkCustomField,
  dayAsDate,
  fromDayInput,
  toApiValue,
  toControlValue,
  toDayInput,
} from './field-values';

const field = (type: CustomFieldDefinition['type'], required = false): CustomFieldDefinition => ({
  key: 'k',
  label: { en: 'K' },
  type,
  options: [],
  required,
});

describe('due dates', () => {
  it('go from a date input to the start of that local day and back', () => {
    const iso = fromDayInput('2025-03-09');
    expect(iso).not.toBeNull();
    expect(toDayInput(iso)).toBe('2025-03-09');
  });

  it('are empty or null when there is nothing usable', () => {
    expect(fromDayInput('')).toBeNull();
    expect(fromDayInput('2025-3-9')).toBeNull();
    expect(toDayInput(null)).toBe('');
    expect(toDayInput('not a date')).toBe('');
  });

  it('read custom-field days without shifting them', () => {
    expect(dayAsDate('2025-12-31')?.getDate()).toBe(31);
    expect(dayAsDate('31/12/2025')).toBeNull();
  });
});

describe('custom-field values', () => {
  it('become what the API takes', () => {
    expect(toApiValue(field('number'), ' 42 ')).toBe(42);
    expect(toApiValue(field('number'), 'abc')).toBeUndefined();
    expect(toApiValue(field('text'), '  ')).toBeNull();
    expect(toApiValue(field('date'), '2025-01-02')).toBe('2025-01-02');
    expect(toApiValue(field('checkbox'), true)).toBe(true);
  });

  it('fill the controls from stored values', () => {
    expect(toControlValue(field('number'), 3)).toBe('3');
    expect(toControlValue(field('text'), null)).toBe('');
    expect(toControlValue(field('checkbox'), undefined)).toBe(false);
  });

  it('are checked like the server checks them', () => {
    expect(checkCustomField(field('text', true), ' ')).toBe('required');
    expect(checkCustomField(field('number'), '1x')).toBe('number');
    expect(toApiValue(field('number'), '1,5')).toBe(1.5);
    expect(checkCustomField(field('select', true), 'a')).toBeNull();
    expect(checkCustomField(field('checkbox', true), false)).toBeNull();
  });
});
