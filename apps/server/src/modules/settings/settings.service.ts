import {
  DEFAULT_EMAIL_SETTINGS,
  DEFAULT_PORTAL_SETTINGS,
  type EmailSettings,
  type EmailSettingsPatch,
  EmailSettingsSchema,
  FEATURES,
  type PortalSettings,
  type PortalSettingsPatch,
  type PortalSettingsResponse,
  PortalSettingsSchema,
} from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { deepMerge } from '../../lib/merge';
import { recordAudit } from '../audit/audit.repo';
import { existingCustomerIds } from '../customers/customers.repo';
import { hasDomainCertificate, notifyDomainsChanged } from '../domains/domains.repo';
import { findStatuses } from '../statuses/statuses.repo';
import { requireAdmin } from '../technicians/technicians.policy';
import { bumpCacheVersion, readSetting, readSettingForUpdate, writeSetting } from './settings.repo';

const PORTAL = 'portal';
const EMAIL = 'email';

/** Stored settings over the defaults, so keys added by later versions read as their default. */
function withDefaults(stored: unknown): PortalSettings {
  return PortalSettingsSchema.parse(deepMerge(DEFAULT_PORTAL_SETTINGS, stored ?? {}));
}

function emailWithDefaults(stored: unknown): EmailSettings {
  return EmailSettingsSchema.parse(deepMerge(DEFAULT_EMAIL_SETTINGS, stored ?? {}));
}

export function createSettingsService(db: Db, config: Config) {
  const defaultPortalUrl = new URL('portal', `${config.publicUrl.href.replace(/\/?$/, '/')}`).href;
  /** The custom domain once it has a certificate: links in mails must work over HTTPS. */
  const respond = async (tx: Db, settings: PortalSettings): Promise<PortalSettingsResponse> => {
    const domain = settings.customDomain;
    const served = domain !== null && (await hasDomainCertificate(tx, domain));
    return { ...settings, portalUrl: served ? `https://${domain}` : defaultPortalUrl };
  };

  async function validate(tx: Db, next: PortalSettings): Promise<void> {
    const problems: { path: string; message: string }[] = [];
    const ids = FEATURES.flatMap((feature) => {
      const scope = next.features[feature].customers;
      return scope === 'all' ? [] : scope;
    });
    const known = await existingCustomerIds(tx, [...new Set(ids)]);
    for (const feature of FEATURES) {
      const scope = next.features[feature].customers;
      if (scope === 'all') continue;
      for (const id of scope) {
        if (!known.has(id))
          problems.push({ path: `features.${feature}.customers`, message: `unknown customer ${id}` });
      }
    }
    // The desk's own host stays the console's: on the custom domain only the portal is served.
    if (next.customDomain === config.publicUrl.hostname) {
      problems.push({ path: 'customDomain', message: 'must not be the host of PUBLIC_URL' });
    }
    const statuses = new Set((await findStatuses(tx)).map((status) => status.name));
    for (const status of next.visibleStatuses) {
      if (!statuses.has(status))
        problems.push({ path: 'visibleStatuses', message: `unknown status ${status}` });
    }
    if (problems.length > 0) {
      throw new AppError(
        'validation_failed',
        `The settings are not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
  }

  return {
    /** Straight from the database; portal requests read it through the cache of portal-config.ts. */
    async portal(): Promise<PortalSettings> {
      return withDefaults(await readSetting(db, PORTAL));
    },

    async getPortal(): Promise<PortalSettingsResponse> {
      return respond(db, withDefaults(await readSetting(db, PORTAL)));
    },

    /** For writes that need the settings inside their own transaction (the embedded database has one connection). */
    async portalWithin(tx: Db): Promise<PortalSettingsResponse> {
      return respond(tx, withDefaults(await readSetting(tx, PORTAL)));
    },

    async updatePortal(actor: TechnicianActor, patch: PortalSettingsPatch): Promise<PortalSettingsResponse> {
      requireAdmin(actor);
      return db.transaction(async (tx) => {
        const current = withDefaults(await readSettingForUpdate(tx, PORTAL));
        const next = withDefaults(deepMerge(current, patch));
        await validate(tx, next);
        await writeSetting(tx, PORTAL, next);
        await bumpCacheVersion(tx);
        if (next.customDomain !== current.customDomain) await notifyDomainsChanged(tx);
        await recordAudit(tx, {
          actor,
          action: 'settings.portal.updated',
          target: { type: 'settings', id: PORTAL },
          details: { patch },
        });
        return respond(tx, next);
      });
    },

    /** Read for every inbound message, so a change applies to the next one on every process. */
    async email(): Promise<EmailSettings> {
      return emailWithDefaults(await readSetting(db, EMAIL));
    },

    async updateEmail(actor: TechnicianActor, patch: EmailSettingsPatch): Promise<EmailSettings> {
      requireAdmin(actor);
      return db.transaction(async (tx) => {
        const next = emailWithDefaults(
          deepMerge(emailWithDefaults(await readSettingForUpdate(tx, EMAIL)), patch),
        );
        await writeSetting(tx, EMAIL, next);
        await recordAudit(tx, {
          actor,
          action: 'settings.email.updated',
          target: { type: 'settings', id: EMAIL },
          details: { patch },
        });
        return next;
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
