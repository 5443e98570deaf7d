import { ACTION_STATES } from '@atrium/shared';
import { describe, expect, it } from 'vitest';
import { isCancellable, isFinal, osDescription, stateTone } from './labels';

describe('action states', () => {
  it('are final once the action can no longer change', () => {
    expect(ACTION_STATES.filter(isFinal)).toEqual([
      'succeeded',
      'failed',
      'timed_out',
      'expired',
      'cancelled',
      'outcome_unknown',
    ]);
  });

  it('can be cancelled only before the command went out', () => {
    expect(ACTION_STATES.filter(isCancellable)).toEqual(['awaiting_verification', 'queued']);
  });

  it('look like what they mean', () => {
    expect(stateTone('running')).toBe('pending');
    expect(stateTone('succeeded')).toBe('success');
    expect(stateTone('timed_out')).toBe('failure');
    expect(stateTone('cancelled')).toBe('neutral');
  });
});

describe('the operating system', () => {
  it('is named once, whether or not the version names it', () => {
    expect(osDescription({ osVersion: 'Windows 11 Pro 23H2' }, 'Windows')).toBe('Windows 11 Pro 23H2');
    expect(osDescription({ osVersion: 'macOS 15.1' }, 'macOS')).toBe('macOS 15.1');
    expect(osDescription({ osVersion: 'Ubuntu 24.04 LTS' }, 'Linux')).toBe('Linux Ubuntu 24.04 LTS');
    expect(osDescription({ osVersion: '' }, 'Linux')).toBe('Linux');
  });
});
