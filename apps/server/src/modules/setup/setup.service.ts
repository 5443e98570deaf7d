import { isMspNamed, SETUP_ITEMS, type SetupChecklist, type SetupItem } from '@atrium/shared';
import { z } from 'zod';
import { FIRST_ADMIN_NAME } from '../../bootstrap';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { recordAudit } from '../audit/audit.repo';
import { readSetting, writeSetting } from '../settings/settings.repo';
import type { SettingsService } from '../settings/settings.service';
import { requireAdmin } from '../technicians/technicians.policy';
import { hasChosenPortalCustomers } from './setup.repo';

const SETUP = 'setup';
const StoredSetupSchema = z.object({ dismissed: z.boolean() }).catch({ dismissed: false });

/** The first-run checklist (SPEC §9): computed from what is configured, never ticked by hand. */
export function createSetupService(db: Db, config: Config, settings: SettingsService) {
  async function checklist(tx: Db, actor: TechnicianActor): Promise<SetupChecklist> {
    const { branding } = await settings.portalWithin(tx);
    const done: Record<SetupItem, boolean> = {
      mspName: isMspNamed(branding),
      logo: branding.logoUrl !== null,
      displayName: actor.name !== FIRST_ADMIN_NAME,
      portalCustomers: await hasChosenPortalCustomers(tx),
      mailDelivery: config.mail.smtpUrl !== undefined,
    };
    return {
      items: SETUP_ITEMS.map((id) => ({ id, done: done[id] })),
      mailDelivery: config.mail.smtpUrl === undefined ? 'outbox' : 'smtp',
      dismissed: StoredSetupSchema.parse((await readSetting(tx, SETUP)) ?? {}).dismissed,
    };
  }

  return {
    async get(actor: TechnicianActor): Promise<SetupChecklist> {
      requireAdmin(actor);
      return checklist(db, actor);
    },

    /** Hides the checklist from the console's landing page for every admin, or shows it again. */
    async setDismissed(actor: TechnicianActor, dismissed: boolean): Promise<SetupChecklist> {
      requireAdmin(actor);
      return db.transaction(async (tx) => {
        await writeSetting(tx, SETUP, { dismissed });
        await recordAudit(tx, {
          actor,
          action: dismissed ? 'setup.dismissed' : 'setup.reopened',
          target: { type: 'settings', id: SETUP },
        });
        return checklist(tx, actor);
      });
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
