import { describe, expect, it } from 'vitest';
import { dayEndIso, dayStartIso, fromLocalInput, toLocalInput } from './datetime';

describe('datetime-local values', () => {
  it('round-trips a date-time through the input value', () => {
    const iso = '2025-03-09T14:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it('treats empty and invalid values as no date', () => {
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('not a date')).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2025-13-45T99:99')).toBeNull();
  });

  it('turns a day into the start and end of that day', () => {
    const start = dayStartIso('2025-06-10');
    const end = dayEndIso('2025-06-10');
    expect(start && end && new Date(end).getTime() - new Date(start).getTime()).toBe(86_399_999);
    expect(dayStartIso('09/03/2025')).toBeUndefined();
  });
});
