export type Backoff = { baseMs: number; capMs: number };

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, capMs: 60_000 };

/**
 * Capped exponential backoff with full jitter: after an outage every agent of a fleet comes back at
 * a random moment of the window instead of all at once.
 */
export function fullJitterDelay(
  attempt: number,
  backoff: Backoff,
  random: () => number = Math.random,
): number {
  const window = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * window);
}
