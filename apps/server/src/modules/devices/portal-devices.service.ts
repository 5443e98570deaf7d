import {
  ACTION_DELIVERY_SECONDS,
  type ActionCreate,
  type ActionType,
  type DeviceOs,
  OFFERED_ACTIONS,
  type PortalAction,
  type PortalActionRequested,
  type PortalDevice,
  type PortalSettings,
  type PortalSoftware,
} from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { isUniqueViolation } from '../../lib/db-errors';
import { findContactById } from '../contacts/contacts.repo';
import { hasFeature, requireFeature } from '../portal/portal.policy';
import type { PortalConfigSource } from '../portal/portal-config';
import { softwareForOs } from '../software/software.repo';
import type { TwoFactorService } from '../two-factor/two-factor.service';
import type { ActionAnnouncer } from './announcements';
import { presentPortalAction } from './devices.presenter';
import {
  actionWhere,
  findContactAction,
  findContactDevice,
  listActions,
  listContactDevices,
  queueAction,
  transitionActions,
} from './devices.repo';
import { installParams } from './install-params';

/** Actions a device's page lists for its contact. */
const RECENT_ACTIONS = 5;

/** What a contact may run on their own devices: one-click actions, and whether installs. */
type Allowed = { actions: ActionType[]; install: boolean };

/**
 * SPEC §5: what a contact may run on their own device — the feature on for their customer, the type
 * allowed in the settings and offered today. One place for the rule, read on every request, so a
 * type switched off is refused at once to contacts already signed in.
 */
function selfServiceActions(settings: PortalSettings, contact: ContactActor): Allowed {
  if (!hasFeature(settings, contact, 'selfService')) return { actions: [], install: false };
  const allowed = settings.features.selfService.actions;
  return {
    actions: OFFERED_ACTIONS.filter((type) => allowed.includes(type)),
    install: allowed.includes('install_software'),
  };
}

/**
 * The portal's "My devices" (SPEC §4, §5): a contact's own devices and the actions they run on them,
 * each waiting for a fresh code texted to their confirmed number before it goes out.
 */
export function createPortalDevicesService(
  db: Db,
  portalConfig: PortalConfigSource,
  twoFactor: TwoFactorService,
  announcer: ActionAnnouncer,
) {
  async function allowedFor(actor: ContactActor): Promise<Allowed> {
    const { settings } = await portalConfig.get();
    requireFeature(settings, actor, 'selfService');
    return selfServiceActions(settings, actor);
  }

  async function contactOf(actor: ContactActor) {
    const contact = await findContactById(db, actor.id);
    if (!contact) throw new AppError('unauthenticated');
    return contact;
  }

  async function actionOf(actor: ContactActor, id: string) {
    const row = await findContactAction(db, actor.id, id);
    if (!row) throw new AppError('not_found', 'No action with this id.');
    return row;
  }

  /** The catalog entries a contact may install on a device of this OS. */
  async function installable(allowed: Allowed, os: DeviceOs): Promise<PortalSoftware[]> {
    if (!allowed.install) return [];
    return (await softwareForOs(db, os)).map((entry) => ({ id: entry.id, name: entry.name }));
  }

  function requireAllowed(allowed: Allowed, type: ActionType): void {
    if (type === 'install_software' ? !allowed.install : !allowed.actions.includes(type)) {
      throw new AppError('forbidden', 'This action is not offered to you on your devices.');
    }
  }

  return {
    async list(actor: ContactActor): Promise<PortalDevice[]> {
      const allowed = await allowedFor(actor);
      const rows = await listContactDevices(db, actor.id);
      return Promise.all(
        rows.map(async (row) => ({
          id: row.id,
          hostname: row.hostname,
          os: row.os,
          osVersion: row.osVersion,
          online: row.online,
          lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
          actions: allowed.actions,
          software: await installable(allowed, row.os),
          recentActions: (
            await listActions(db, { deviceId: row.id }, { page: 1, pageSize: RECENT_ACTIONS })
          ).items.map(presentPortalAction),
        })),
      );
    },

    /** SPEC §9 `GET /portal/api/software?deviceId=`: what the contact may install on that device. */
    async software(actor: ContactActor, deviceId: string): Promise<PortalSoftware[]> {
      const allowed = await allowedFor(actor);
      const device = await findContactDevice(db, actor.id, deviceId);
      if (!device) throw new AppError('not_found', 'No device with this id.');
      return installable(allowed, device.os);
    },

    /** Asks for an action: it waits (`awaiting_verification`) for the code texted to the contact. */
    async request(
      actor: ContactActor,
      deviceId: string,
      input: ActionCreate,
    ): Promise<PortalActionRequested> {
      const allowed = await allowedFor(actor);
      const device = await findContactDevice(db, actor.id, deviceId);
      if (!device) throw new AppError('not_found', 'No device with this id.');
      requireAllowed(allowed, input.type);
      const params =
        input.type === 'install_software' ? await installParams(db, input.softwareId, device.os) : {};
      const contact = await contactOf(actor);
      try {
        const { row, code } = await db.transaction(async (tx) => {
          const action = await queueAction(
            tx,
            {
              deviceId,
              type: input.type,
              params,
              state: 'awaiting_verification',
              requestedByType: 'contact',
              requestedById: actor.id,
              expiresAt: new Date(Date.now() + ACTION_DELIVERY_SECONDS[input.type] * 1000),
            },
            actor,
          );
          return { row: action, code: await twoFactor.sendActionCode(tx, contact, action.id) };
        });
        twoFactor.kick();
        return {
          action: presentPortalAction(row),
          codeSentTo: code.phone,
          codeExpiresAt: code.expiresAt.toISOString(),
        };
      } catch (error) {
        if (isUniqueViolation(error, 'device_actions_in_flight_key')) {
          throw new AppError('conflict', 'This action is already in progress on this device.');
        }
        throw error;
      }
    },

    /**
     * The code texted for the action: right, the action goes out; wrong five times, the action is
     * over (failed) and must be asked for again.
     */
    async verify(actor: ContactActor, id: string, code: string): Promise<PortalAction> {
      const allowed = await allowedFor(actor);
      const row = await actionOf(actor, id);
      requireAllowed(allowed, row.type);
      if (row.state !== 'awaiting_verification') {
        throw new AppError('conflict', 'This action does not wait for a code.');
      }
      const result = await twoFactor.checkActionCode(await contactOf(actor), id, code);
      if (result === 'exhausted') {
        await transitionActions(
          db,
          actionWhere.of(row.deviceId, id, ['awaiting_verification']),
          'failed',
          { finishedAt: new Date(), error: 'too many wrong codes' },
          actor,
        );
      }
      twoFactor.accept(result);
      const [queued] = await transitionActions(
        db,
        actionWhere.of(row.deviceId, id, ['awaiting_verification']),
        'queued',
        {},
        actor,
      );
      if (!queued) throw new AppError('conflict', 'This action does not wait for a code any more.');
      announcer.announce(row.deviceId);
      return presentPortalAction(queued);
    },

    async get(actor: ContactActor, id: string): Promise<PortalAction> {
      await allowedFor(actor);
      return presentPortalAction(await actionOf(actor, id));
    },
  };
}

export type PortalDevicesService = ReturnType<typeof createPortalDevicesService>;
