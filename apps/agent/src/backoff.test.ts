import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from './backoff';

describe('fullJitterDelay', () => {
  const backoff = { baseMs: 1000, capMs: 60_000 };

  it('draws from [0, base·2^attempt), capped', () => {
    expect(fullJitterDelay(0, backoff, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, backoff, () => 0.5)).toBe(4000);
    expect(fullJitterDelay(10, backoff, () => 0.5)).toBe(30_000);
    expect(fullJitterDelay(1000, backoff, () => 0.999)).toBe(59_940);
    expect(fullJitterDelay(5, backoff, () => 0)).toBe(0);
  });
});
