import type { Config } from './config';
import type { Db } from './db/client';
import { createFileStore } from './lib/file-store';
import { CacheVersion } from './lib/versioned-cache';
import { createApiTokensService } from './modules/api-tokens/api-tokens.service';
import { createAuditService } from './modules/audit/audit.service';
import { createAuthService } from './modules/auth/auth.service';
import { createContactsService } from './modules/contacts/contacts.service';
import { createCustomFieldsService } from './modules/custom-fields/custom-fields.service';
import { createCustomersService } from './modules/customers/customers.service';
import { createKbService } from './modules/kb/kb.service';
import { createPortalConfig } from './modules/portal/portal-config';
import { createPortalKbService } from './modules/portal/portal-kb.service';
import { createPortalMeService } from './modules/portal/portal-me.service';
import { createPortalTicketsService } from './modules/portal/portal-tickets.service';
import { createSettingsService } from './modules/settings/settings.service';
import { createStatusesService } from './modules/statuses/statuses.service';
import { createTechniciansService } from './modules/technicians/technicians.service';
import { createTicketsService } from './modules/tickets/tickets.service';

/** Every service, built once per app from the database and config they need. */
export function createServices(db: Db, config: Config) {
  // Behind contact sessions only: reading one observes the version these caches follow.
  const cacheVersion = new CacheVersion();
  const settings = createSettingsService(db, config);
  const portalConfig = createPortalConfig(db, settings, cacheVersion);
  const files = createFileStore(config.attachments.dir);
  const kb = createKbService(db);
  return {
    files,
    auth: createAuthService(db, cacheVersion),
    apiTokens: createApiTokensService(db),
    technicians: createTechniciansService(db),
    settings,
    portalMe: createPortalMeService(db, portalConfig),
    audit: createAuditService(db),
    customFields: createCustomFieldsService(db),
    statuses: createStatusesService(db),
    kb,
    portalKb: createPortalKbService(db, portalConfig, kb, cacheVersion),
    customers: createCustomersService(db),
    contacts: createContactsService(db, settings),
    tickets: createTicketsService(db, files),
    portalTickets: createPortalTicketsService(db, portalConfig, files),
  };
}

export type Services = ReturnType<typeof createServices>;
