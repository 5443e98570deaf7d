import { and, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginThrottle } from '../../db/schema';

/** Failures counted per key in fixed windows; stored in the database so every process sees them. */
export async function countFailures(
  db: Db,
  keys: string[],
  windowSeconds: number,
): Promise<Map<string, number>> {
  const since = new Date(Date.now() - windowSeconds * 1000);
  const rows = await db
    .select({ key: loginThrottle.key, failures: loginThrottle.failures })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, keys), gt(loginThrottle.windowStart, since)));
  return new Map(rows.map((row) => [row.key, row.failures]));
}

export async function recordFailure(db: Db, keys: string[], windowSeconds: number): Promise<void> {
  const expired = sql`${loginThrottle.windowStart} < now() - make_interval(secs => ${windowSeconds})`;
  await db
    .insert(loginThrottle)
    .values(keys.map((key) => ({ key, windowStart: sql`now()`, failures: 1 })))
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${loginThrottle.windowStart} end`,
      },
    });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [key]));
}
