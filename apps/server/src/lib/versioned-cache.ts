/**
 * In-process caches of what portal requests read on every call (settings, statuses, custom-field
 * definitions, KB search results), kept correct across processes that share one database.
 *
 * Every write to cached data bumps a counter in the database, in the writing transaction (see
 * `bumpCacheVersion`). Every contact request reads that counter with its session, in the same
 * statement, and hands it to `CacheVersion.observe` before any service runs. An entry loaded before
 * the version a request has observed is stale for it, so a change committed by any process is seen
 * on the next request, without a round trip of its own and without relying on a notification
 * arriving in time.
 */
export class CacheVersion {
  #seen = 0;

  /** Versions only move forward: an older one read by a slower request changes nothing. */
  observe(version: number): void {
    if (version > this.#seen) this.#seen = version;
  }

  get seen(): number {
    return this.#seen;
  }
}

type Entry<V> = { version: number; expiresAt: number; value: Promise<V> };

export type CacheOptions = {
  /** Entries beyond this evict the least recently loaded one. */
  maxEntries: number;
  /** For data that also changes without a version bump (e.g. view counters that order a list). */
  ttlMs?: number;
};

export class VersionedCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #version: CacheVersion;
  readonly #options: CacheOptions;

  constructor(version: CacheVersion, options: CacheOptions) {
    this.#version = version;
    this.#options = options;
  }

  /**
   * The value for `key`, loading it when missing or stale. Concurrent callers share one load; a
   * failed load is forgotten, so the next caller tries again.
   */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.version >= this.#version.seen && hit.expiresAt > now) return hit.value;
    // Taken before the load starts: what the load reads is at least as new as this version.
    const entry: Entry<V> = {
      version: this.#version.seen,
      expiresAt: now + (this.#options.ttlMs ?? Number.POSITIVE_INFINITY),
      value: load(),
    };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    entry.value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry.value;
  }
}
