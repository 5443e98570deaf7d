import { describe, expect, it } from 'vitest';
import { assigneeChoices } from './technician-options';

const technician = (id: string, name: string) => ({
  id,
  name,
  email: `${name}@msp.example`,
  role: 'technician' as const,
  language: 'en' as const,
  createdAt: '2025-01-01T00:00:00Z',
});

describe('assigneeChoices', () => {
  const me = { id: 'me', name: 'Me' };

  it('offers everyone when the list is known', () => {
    expect(assigneeChoices([technician('me', 'Me'), technician('b', 'Bo')], me)).toEqual([
      me,
      { id: 'b', name: 'Bo' },
    ]);
  });

  it('offers the signed-in technician and the current assignee when the list is not available', () => {
    expect(assigneeChoices(null, me, { id: 'c', name: 'Cy' })).toEqual([me, { id: 'c', name: 'Cy' }]);
    expect(assigneeChoices(undefined, me, null)).toEqual([me]);
  });
});
