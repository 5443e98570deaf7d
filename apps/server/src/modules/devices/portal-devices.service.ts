import { randomUUID } from 'node:crypto';
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
import type { CodeRow } from '../two-factor/two-factor.repo';
import type { SmsQueue, TwoFactorService } from '../two-factor/two-factor.service';
import type { ActionAnnouncer } from './announcements';
import { presentPortalAction } from './devices.presenter';
import {
  type ActionRow,
  actionWhere,
  type DeviceRow,
  findContactAction,
  findContactDevice,
  listContactDevices,
  queueAction,
  recentActionsOf,
  transitionActions,
} from './devices.repo';
import { installParams } from './install-params';
import { passwordReset, passwordResetAccount } from './reset-password';

/** Actions a device's page lists for its contact. */
const RECENT_ACTIONS = 5;

/** What a contact may run on their own devices: one-click actions, and whether installs and password resets. */
type Allowed = { actions: ActionType[]; install: boolean; resetPassword: boolean };

/**
 * SPEC §5: what a contact may run on their own device — the feature on for their customer, the type
 * allowed in the settings and offered today. One place for the rule, read on every request, so a
 * type switched off is refused at once to contacts already signed in.
 */
function selfServiceActions(settings: PortalSettings, contact: ContactActor): Allowed {
  if (!hasFeature(settings, contact, 'selfService'))
    return { actions: [], install: false, resetPassword: false };
  const allowed = settings.features.selfService.actions;
  return {
    actions: OFFERED_ACTIONS.filter((type) => allowed.includes(type)),
    install: allowed.includes('install_software'),
    resetPassword: allowed.includes('reset_password'),
  };
}

/** The actions a contact may ask for on this device: what they are allowed, as far as it can do it. */
function actionsOn(allowed: Allowed, device: DeviceRow): ActionType[] {
  const reset = allowed.resetPassword && passwordResetAccount(device) !== null;
  return [...allowed.actions, ...(reset ? (['reset_password'] as const) : [])];
}

/**
 * The portal's "My devices" (SPEC §4, §5): a contact's own devices and the actions they run on them,
 * each waiting for a fresh code texted to their confirmed number before it goes out.
 */
export function createPortalDevicesService(
  db: Db,
  portalConfig: PortalConfigSource,
  twoFactor: TwoFactorService,
  sms: SmsQueue,
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
    const isAllowed =
      type === 'install_software'
        ? allowed.install
        : type === 'reset_password'
          ? allowed.resetPassword
          : allowed.actions.includes(type);
    if (!isAllowed) throw new AppError('forbidden', 'This action is not offered to you on your devices.');
  }

  /** What the contact is told once a code is on its way for the action. */
  function requested(row: ActionRow, code: CodeRow): PortalActionRequested {
    return {
      action: presentPortalAction(row),
      codeSentTo: code.phone,
      codeExpiresAt: code.expiresAt.toISOString(),
    };
  }

  return {
    async list(actor: ContactActor): Promise<PortalDevice[]> {
      const allowed = await allowedFor(actor);
      const rows = await listContactDevices(db, actor.id);
      const oses = [...new Set(rows.map((row) => row.os))];
      const [recent, catalogs] = await Promise.all([
        recentActionsOf(
          db,
          rows.map((row) => row.id),
          RECENT_ACTIONS,
        ),
        Promise.all(oses.map(async (os) => [os, await installable(allowed, os)] as const)),
      ]);
      const software = new Map(catalogs);
      return rows.map((row) => ({
        id: row.id,
        hostname: row.hostname,
        os: row.os,
        osVersion: row.osVersion,
        online: row.online,
        lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
        actions: actionsOn(allowed, row),
        passwordResetAccount: passwordResetAccount(row),
        software: software.get(row.os) ?? [],
        recentActions: recent.filter((action) => action.deviceId === row.id).map(presentPortalAction),
      }));
    },

    /** SPEC §9 `GET /portal/api/software?deviceId=`: what the contact may install on that device. */
    async software(actor: ContactActor, deviceId: string): Promise<PortalSoftware[]> {
      const allowed = await allowedFor(actor);
      const device = await findContactDevice(db, actor.id, deviceId);
      if (!device) throw new AppError('not_found', 'No device with this id.');
      return installable(allowed, device.os);
    },

    /**
     * Asks for an action: it waits (`awaiting_verification`) for the code texted to the contact.
     * `alongside` writes what else the action is part of (the chat that proposed it) in its transaction.
     */
    async request(
      actor: ContactActor,
      deviceId: string,
      input: ActionCreate,
      alongside?: (tx: Db, action: ActionRow) => Promise<void>,
    ): Promise<PortalActionRequested> {
      const allowed = await allowedFor(actor);
      const device = await findContactDevice(db, actor.id, deviceId);
      if (!device) throw new AppError('not_found', 'No device with this id.');
      requireAllowed(allowed, input.type);
      const contact = await contactOf(actor);
      const id = randomUUID();
      // The password's text waits with the action; everything else carries what the catalog says.
      const reset = input.type === 'reset_password' ? passwordReset(device, contact, id) : undefined;
      const params =
        input.type === 'install_software'
          ? await installParams(db, input.softwareId, device.os)
          : (reset?.params ?? {});
      try {
        const { row, code } = await db.transaction(async (tx) => {
          const action = await queueAction(
            tx,
            {
              id,
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
          if (reset) await sms.queue(tx, reset.text);
          await alongside?.(tx, action);
          return { row: action, code: await twoFactor.sendActionCode(tx, contact, action.id) };
        });
        twoFactor.kick();
        return requested(row, code);
      } catch (error) {
        if (isUniqueViolation(error, 'device_actions_in_flight_key'))
          throw new AppError('action_in_progress');
        throw error;
      }
    },

    /** "Send a new code": the last one was lost, expired or tried too often, and the action still waits. */
    async resendCode(actor: ContactActor, id: string): Promise<PortalActionRequested> {
      const allowed = await allowedFor(actor);
      const row = await actionOf(actor, id);
      requireAllowed(allowed, row.type);
      if (row.state !== 'awaiting_verification') {
        throw new AppError('conflict', 'This action does not wait for a code.');
      }
      const contact = await contactOf(actor);
      const code = await db.transaction((tx) => twoFactor.sendActionCode(tx, contact, id));
      twoFactor.kick();
      return requested(row, code);
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
