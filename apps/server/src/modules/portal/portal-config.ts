import type { PortalSettings } from '@atrium/shared';
import type { Db } from '../../db/client';
import { type CacheVersion, VersionedCache } from '../../lib/versioned-cache';
import { type CustomFieldRow, findCustomFieldDefinitions } from '../custom-fields/custom-fields.repo';
import type { SettingsService } from '../settings/settings.service';
import { findStatuses, type TicketStatusRow } from '../statuses/statuses.repo';

export type PortalConfig = {
  settings: PortalSettings;
  /** Every status by name, in list order. */
  statuses: Map<string, TicketStatusRow>;
  customFields: CustomFieldRow[];
};

/**
 * What every portal request reads, held in memory. Only for requests behind a contact session, and
 * inbound mail once its sender is looked up: those reads observe the cache version, which is what
 * makes a change made by an admin on any process apply from the contact's next request or message
 * (SPEC §3.9). Callers must not mutate it.
 */
export function createPortalConfig(db: Db, settings: SettingsService, version: CacheVersion) {
  const cache = new VersionedCache<PortalConfig>(version, { maxEntries: 1 });
  const load = async (): Promise<PortalConfig> => {
    const [portal, statuses, customFields] = await Promise.all([
      settings.portal(),
      findStatuses(db),
      findCustomFieldDefinitions(db),
    ]);
    return { settings: portal, statuses: new Map(statuses.map((s) => [s.name, s])), customFields };
  };
  return { get: () => cache.get('', load) };
}

export type PortalConfigSource = ReturnType<typeof createPortalConfig>;
