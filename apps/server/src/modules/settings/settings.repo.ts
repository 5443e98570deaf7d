import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { settings } from '../../db/schema';

/** The counter row behind `lib/versioned-cache.ts`: a number, absent until the first bump. */
const CACHE_VERSION = 'cache_version';

export async function readSetting(db: Db, key: string): Promise<unknown> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, key))
    .limit(1);
  return row?.value;
}

/** Reads for update: a concurrent PATCH waits, so two partial updates both survive. */
export async function readSettingForUpdate(db: Db, key: string): Promise<unknown> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, key))
    .for('update')
    .limit(1);
  return row?.value;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

/**
 * Call in every transaction that changes what the versioned caches hold: their entries loaded
 * before it commits become stale on every process, from the next request on.
 */
export async function bumpCacheVersion(db: Db): Promise<void> {
  await db
    .insert(settings)
    .values({ key: CACHE_VERSION, value: 1 })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`to_jsonb((${settings.value} #>> '{}')::bigint + 1)`, updatedAt: new Date() },
    });
}

export async function readCacheVersion(db: Db): Promise<number> {
  return Number((await readSetting(db, CACHE_VERSION)) ?? 0);
}

/** The current cache version as a column, for a statement every request sends anyway. */
export const cacheVersionColumn =
  sql<number>`coalesce((select (${settings.value} #>> '{}')::bigint from ${settings} where ${settings.key} = ${CACHE_VERSION}), 0)`.mapWith(
    Number,
  );
