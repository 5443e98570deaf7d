import { inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginThrottle } from '../../db/schema';

/**
 * Counts one more attempt on every key and returns each key's count in its window, in one
 * statement: parallel attempts each get their own number, so no more than a limit of them can
 * believe they are under it. Keys are locked in sorted order, so two statements sharing keys cannot
 * deadlock.
 */
export async function reserveAttempts(
  db: Db,
  keys: readonly string[],
  windowSeconds: number,
): Promise<Map<string, number>> {
  const expired = sql`${loginThrottle.windowStart} < now() - make_interval(secs => ${windowSeconds})`;
  const rows = await db
    .insert(loginThrottle)
    .values([...keys].sort().map((key) => ({ key, windowStart: sql`now()`, failures: 1 })))
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${loginThrottle.windowStart} end`,
      },
    })
    .returning({ key: loginThrottle.key, failures: loginThrottle.failures });
  return new Map(rows.map((row) => [row.key, row.failures]));
}

/**
 * Takes back one attempt per key (it was refused unchecked, or it succeeded), and zeroes the keys in
 * `clear`. Same statement shape and key order as `reserveAttempts`, for the same reason.
 */
export async function releaseAttempts(
  db: Db,
  keys: readonly string[],
  clear: readonly string[] = [],
): Promise<void> {
  if (keys.length === 0) return;
  const cleared = clear.length > 0 ? inArray(loginThrottle.key, [...clear]) : sql`false`;
  await db
    .insert(loginThrottle)
    .values([...keys].sort().map((key) => ({ key, windowStart: sql`now()`, failures: 0 })))
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${cleared} then 0 else greatest(${loginThrottle.failures} - 1, 0) end`,
      },
    });
}

/**
 * Counts whose window ended more than `windowSeconds` ago: a missing row and an expired one count
 * the next attempt the same way (as the first), so only the table's size changes.
 */
export async function deleteExpiredAttempts(db: Db, windowSeconds: number): Promise<void> {
  await db
    .delete(loginThrottle)
    .where(lt(loginThrottle.windowStart, sql`now() - make_interval(secs => ${windowSeconds})`));
}
