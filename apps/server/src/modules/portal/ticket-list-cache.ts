import type { ContactActor } from '../../lib/actor';
import type { JsonText } from '../../lib/json-text';
import { type CacheVersion, VersionedCache } from '../../lib/versioned-cache';
import type { ContactTicketScope, TicketFilters } from '../tickets/tickets.repo';

/**
 * How long a cached list page may be served. Its key changes with every ticket write of the
 * customer, so this only bounds what the key cannot see: a write that commits after a later one
 * (its change time is older), tickets that get a customer when their unassigned contact does, a
 * renamed person.
 */
const LIST_TTL_MS = 1000;

/**
 * The portal's list pages, read and encoded once, then served as text: contacts reload their list
 * far more often than their tickets change. A page is keyed by whose tickets it shows, the query,
 * and when the customer's tickets last changed as the contact's session lookup read it, in the same
 * statement as the session (`contactFromSession` hands it over with `observe`), so a write through
 * any process makes a new key; the portal settings follow the cache version.
 */
export class TicketListCache {
  readonly #pages: VersionedCache<JsonText>;
  /**
   * Per request: a session lookup builds a new actor for each one, so what it read stays with that
   * request and a slower, older read of another request cannot stand in for it.
   */
  readonly #ticketsChangedAt = new WeakMap<ContactActor, string | null>();

  constructor(version: CacheVersion) {
    this.#pages = new VersionedCache(version, { maxEntries: 1000, ttlMs: LIST_TTL_MS });
  }

  /** When the contact's customer's tickets last changed (null: no tickets yet). */
  observe(contact: ContactActor, ticketsChangedAt: string | null): void {
    this.#ticketsChangedAt.set(contact, ticketsChangedAt);
  }

  /** The page from the cache, or loaded; a contact whose session lookup said nothing always loads. */
  page(
    contact: ContactActor,
    scope: ContactTicketScope,
    filters: Pick<TicketFilters, 'statuses' | 'q'>,
    page: { page: number; pageSize: number },
    load: () => Promise<JsonText>,
  ): Promise<JsonText> {
    if (!this.#ticketsChangedAt.has(contact)) return load();
    // Everything the page depends on that the settings' cache version does not cover.
    const key = [
      scope.customerId,
      scope.contactId,
      filters.statuses,
      filters.q,
      page.page,
      page.pageSize,
      this.#ticketsChangedAt.get(contact),
    ];
    return this.#pages.get(JSON.stringify(key), load);
  }
}
