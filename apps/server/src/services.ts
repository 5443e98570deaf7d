import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Db } from './db/client';
import { createFileStore } from './lib/file-store';
import { CacheVersion } from './lib/versioned-cache';
import { createApiTokensService } from './modules/api-tokens/api-tokens.service';
import { createAssistantService } from './modules/assistant/assistant.service';
import { createAssistantRecorder } from './modules/assistant/assistant-recorder';
import { providerFor } from './modules/assistant/providers';
import { createAuditService } from './modules/audit/audit.service';
import { createAuthService } from './modules/auth/auth.service';
import { createPasswordResetService } from './modules/auth/password-reset.service';
import { createContactsService } from './modules/contacts/contacts.service';
import { createCredentialsMail } from './modules/contacts/credentials-mail';
import { createCustomFieldsService } from './modules/custom-fields/custom-fields.service';
import { createCustomersService } from './modules/customers/customers.service';
import { createActionAnnouncer } from './modules/devices/announcements';
import { createDevicesService } from './modules/devices/devices.service';
import { createPortalDevicesService } from './modules/devices/portal-devices.service';
import { createCommandSigning } from './modules/devices/signing';
import { createSigningKeysService } from './modules/devices/signing-keys.service';
import { createDomainsService } from './modules/domains/domains.service';
import { createInboundMailService } from './modules/inbound-mail/inbound-mail.service';
import { createKbService } from './modules/kb/kb.service';
import { createMailTemplatesService } from './modules/mail/mail-templates.service';
import { createTicketNotifications, ticketEvents } from './modules/mail/notifications';
import { createOutboxService } from './modules/mail/outbox.service';
import { createPortalConfig } from './modules/portal/portal-config';
import { createPortalKbService } from './modules/portal/portal-kb.service';
import { createPortalMeService } from './modules/portal/portal-me.service';
import { createPortalTicketsService } from './modules/portal/portal-tickets.service';
import { TicketListCache } from './modules/portal/ticket-list-cache';
import { createSettingsService } from './modules/settings/settings.service';
import { createSetupService } from './modules/setup/setup.service';
import { createSmsService } from './modules/sms/sms.service';
import { createSoftwareService } from './modules/software/software.service';
import { createStatusesService } from './modules/statuses/statuses.service';
import { createTechniciansService } from './modules/technicians/technicians.service';
import { createTicketWrites } from './modules/tickets/ticket-writes';
import { createTicketsService } from './modules/tickets/tickets.service';
import { createTwoFactorService } from './modules/two-factor/two-factor.service';

/** Every service, built once per app from the database and config they need. */
export function createServices(db: Db, config: Config) {
  // Behind contact sessions and inbound mail's sender lookup, which observe the version these caches follow.
  const cacheVersion = new CacheVersion();
  const ticketLists = new TicketListCache(cacheVersion);
  const settings = createSettingsService(db, config);
  const portalConfig = createPortalConfig(db, settings, cacheVersion);
  const files = createFileStore(config.attachments.dir);
  const kb = createKbService(db);
  const mailTemplates = createMailTemplatesService(db);
  const writes = createTicketWrites(db, ticketEvents);
  const queueCredentialsMail = createCredentialsMail(config, settings, mailTemplates);
  const sms = createSmsService(db, config);
  const commandSigning = createCommandSigning(db);
  const actionAnnouncer = createActionAnnouncer(db);
  const twoFactor = createTwoFactorService(db, portalConfig, sms);
  const portalKb = createPortalKbService(db, portalConfig, kb, cacheVersion);
  const portalTickets = createPortalTicketsService(db, portalConfig, files, writes, ticketLists);
  const portalDevices = createPortalDevicesService(db, portalConfig, twoFactor, sms, actionAnnouncer);
  return {
    commandSigning,
    actionAnnouncer,
    devices: createDevicesService(db, config, commandSigning.signer, actionAnnouncer, sms),
    signingKeys: createSigningKeysService(db, commandSigning),
    files,
    auth: createAuthService(db, cacheVersion, ticketLists),
    passwordReset: createPasswordResetService(db, config, settings, mailTemplates),
    apiTokens: createApiTokensService(db),
    technicians: createTechniciansService(db),
    settings,
    setup: createSetupService(db, config, settings),
    domains: createDomainsService(db, config, settings),
    portalMe: createPortalMeService(db, portalConfig),
    audit: createAuditService(db),
    customFields: createCustomFieldsService(db),
    statuses: createStatusesService(db),
    software: createSoftwareService(db),
    kb,
    portalKb,
    customers: createCustomersService(db),
    contacts: createContactsService(db, settings, queueCredentialsMail),
    tickets: createTicketsService(db, files, writes),
    portalTickets,
    mailTemplates,
    notifications: createTicketNotifications(config, settings, mailTemplates),
    outbox: createOutboxService(db, config),
    sms,
    twoFactor,
    portalDevices,
    /** Writes on chats' tickets how the actions run from them ended. */
    assistantRecorder: (log: FastifyBaseLogger) => createAssistantRecorder(db, writes, log),
    assistant: createAssistantService(
      db,
      portalConfig,
      { portalKb, portalDevices, portalTickets },
      writes,
      providerFor(config.ai),
    ),
    inboundMail: createInboundMailService(db, config, {
      settings,
      portalConfig,
      cacheVersion,
      files,
      writes,
      queueCredentialsMail,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
