import { randomUUID } from 'node:crypto';
import {
  ACTION_DELIVERY_SECONDS,
  ACTIONS_CANCELLABLE,
  type Action,
  type ActionCreate,
  type ActionListQuery,
  type AgentEnroll,
  type AgentEnrolled,
  type Device,
  type DeviceListQuery,
  type DeviceUpdate,
  type EnrollmentToken,
  type EnrollmentTokenCreate,
  type EnrollmentTokenCreated,
  EnrollmentTokenCreateSchema,
} from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError, invalidField } from '../../lib/app-error';
import { createBatchedCalls } from '../../lib/batches';
import { isForeignKeyViolation, isUniqueViolation } from '../../lib/db-errors';
import { hashSecret, newSecret } from '../../lib/tokens';
import { recordAudit } from '../audit/audit.repo';
import { type ContactRow, findContactById } from '../contacts/contacts.repo';
import { findCustomerById } from '../customers/customers.repo';
import type { SmsQueue } from '../two-factor/two-factor.service';
import type { ActionAnnouncer } from './announcements';
import { installCommands, presentAction, presentDevice, presentEnrollmentToken } from './devices.presenter';
import {
  type ActionRow,
  actionWhere,
  type DeviceRow,
  deleteDevice,
  findAction,
  findActionByIdempotencyKey,
  findDeviceRow,
  findDeviceView,
  insertDevice,
  insertEnrollmentToken,
  listActions,
  listDeviceViews,
  listEnrollmentTokens,
  type QueuedAction,
  queueAction,
  queueActions,
  revokeEnrollmentToken,
  transitionActions,
  updateDeviceContact,
  useEnrollmentToken,
} from './devices.repo';
import { installParams } from './install-params';
import { passwordReset } from './reset-password';
import { type CommandSigner, isPublicKey } from './signing';

const ACTION_NAMES: Record<ActionCreate['type'], string> = {
  reboot: 'A reboot',
  shutdown: 'A shutdown',
  lock: 'A lock',
  logoff: 'A log-off',
  reset_password: 'A password reset',
  install_software: 'An installation',
};

/**
 * Devices, their enrollment and the actions technicians run on them (SPEC §6). Every technician may
 * see and act on every customer's devices, as on their tickets; what a contact may do is the
 * portal's policy, later.
 */
export function createDevicesService(
  db: Db,
  config: Config,
  signer: () => Promise<CommandSigner>,
  announcer: ActionAnnouncer,
  sms: SmsQueue,
) {
  // The actions asked for in the same moment are written in one statement, as a group commit, which
  // notifies the other processes' hubs as it commits; one the batch leaves out is tried alone, to
  // say why (in flight already, a repeated key, no device).
  const queue = createBatchedCalls(
    async (queued: QueuedAction[]) => {
      const notify = announcer.notifyWith([...new Set(queued.map((entry) => entry.values.deviceId))]);
      const rows = new Map((await queueActions(db, queued, notify)).map((row) => [row.id, row]));
      return queued.map((entry) => rows.get(entry.values.id));
    },
    (entry) => queueAction(db, entry.values, entry.actor, announcer.notifyWith([entry.values.deviceId])),
  );

  async function deviceRow(id: string): Promise<DeviceRow> {
    const device = await findDeviceRow(db, id);
    if (!device) throw new AppError('not_found', 'No device with this id.');
    return device;
  }

  /** Whom a technician's password reset texts: the contact the device is assigned to. */
  async function deviceContact({ contactId }: DeviceRow): Promise<ContactRow> {
    const contact = contactId ? await findContactById(db, contactId) : undefined;
    if (!contact) {
      throw new AppError(
        'rule_refused',
        'Assign the device to its user first: the temporary password is texted to their confirmed number.',
      );
    }
    return contact;
  }

  async function getDevice(id: string): Promise<Device> {
    const row = await findDeviceView(db, id);
    if (!row) throw new AppError('not_found', 'No device with this id.');
    return presentDevice(row);
  }

  return {
    async createEnrollmentToken(
      actor: TechnicianActor,
      input: EnrollmentTokenCreate,
    ): Promise<EnrollmentTokenCreated> {
      const { customerId, expiresInHours, maxUses } = EnrollmentTokenCreateSchema.parse(input);
      if (!(await findCustomerById(db, customerId))) {
        throw invalidField('customerId', 'there is no customer with this id');
      }
      const { secret, hash } = newSecret('atrium_enroll_');
      const row = await db.transaction(async (tx) => {
        const token = await insertEnrollmentToken(tx, {
          customerId,
          tokenHash: hash,
          expiresAt: new Date(Date.now() + expiresInHours * 3600_000),
          maxUses,
          createdById: actor.id,
        });
        await recordAudit(tx, {
          actor,
          action: 'enrollment_token.created',
          target: { type: 'enrollment_token', id: token.id },
          details: { customerId, maxUses, expiresAt: token.expiresAt.toISOString() },
        });
        return token;
      });
      return {
        ...presentEnrollmentToken(row),
        token: secret,
        installCommands: installCommands(config.publicUrl.origin, secret),
      };
    },

    async listEnrollmentTokens(_actor: TechnicianActor, customerId?: string): Promise<EnrollmentToken[]> {
      return (await listEnrollmentTokens(db, customerId)).map(presentEnrollmentToken);
    },

    async revokeEnrollmentToken(actor: TechnicianActor, id: string): Promise<EnrollmentToken> {
      return db.transaction(async (tx) => {
        const row = await revokeEnrollmentToken(tx, id);
        if (!row) throw new AppError('not_found', 'No enrollment token with this id.');
        await recordAudit(tx, {
          actor,
          action: 'enrollment_token.revoked',
          target: { type: 'enrollment_token', id },
          details: { customerId: row.customerId },
        });
        return presentEnrollmentToken(row);
      });
    },

    /**
     * An agent enrolls its public key with a token: one use of the token, taken atomically, and a
     * device of the token's customer whose identity is that key.
     */
    async enroll(input: AgentEnroll, ip: string): Promise<AgentEnrolled> {
      if (!isPublicKey(input.publicKey)) throw invalidField('publicKey', 'not an Ed25519 public key');
      const { keys, version } = await signer();
      try {
        const device = await db.transaction(async (tx) => {
          const token = await useEnrollmentToken(tx, hashSecret(input.token));
          if (!token) {
            throw new AppError(
              'invalid_credentials',
              'This enrollment token is not valid: unknown, expired, revoked or used up.',
            );
          }
          const row = await insertDevice(tx, {
            customerId: token.customerId,
            publicKey: input.publicKey,
            hostname: input.hostname,
            os: input.os,
            osVersion: input.osVersion,
            agentVersion: input.agentVersion,
            enrollmentTokenId: token.id,
          });
          await recordAudit(tx, {
            actor: { kind: 'system' },
            action: 'device.enrolled',
            target: { type: 'device', id: row.id },
            details: {
              customerId: row.customerId,
              hostname: row.hostname,
              os: row.os,
              enrollmentTokenId: token.id,
              ip,
            },
          });
          return row;
        });
        return { deviceId: device.id, serverKeys: keys, serverKeysVersion: version };
      } catch (error) {
        if (isUniqueViolation(error, 'devices_public_key_key')) {
          throw new AppError('conflict', 'A device with this key is enrolled already.');
        }
        throw error;
      }
    },

    async list(_actor: TechnicianActor, query: DeviceListQuery) {
      const { page, pageSize, online, ...filter } = query;
      const { items, total } = await listDeviceViews(
        db,
        { ...filter, ...(online ? { online: online === 'true' } : {}) },
        { page, pageSize },
      );
      return { items: items.map(presentDevice), total };
    },

    get: (_actor: TechnicianActor, id: string) => getDevice(id),

    /** Assigns the device to one of its customer's contacts (their portal will show it), or to nobody. */
    async update(actor: TechnicianActor, id: string, input: DeviceUpdate): Promise<Device> {
      const device = await findDeviceRow(db, id);
      if (!device) throw new AppError('not_found', 'No device with this id.');
      if (input.contactId) {
        const contact = await findContactById(db, input.contactId);
        if (!contact || contact.customerId !== device.customerId) {
          throw invalidField('contactId', "there is no contact with this id at the device's customer");
        }
      }
      if (input.contactId !== device.contactId) {
        await db.transaction(async (tx) => {
          await updateDeviceContact(tx, id, input.contactId);
          await recordAudit(tx, {
            actor,
            action: 'device.assigned',
            target: { type: 'device', id },
            details: { from: device.contactId, to: input.contactId },
          });
        });
      }
      return getDevice(id);
    },

    /**
     * Removes a device, a lost or rogue one: its key is refused from then on and its agent is
     * disconnected by the next sweep of the process holding it (seconds). It must enroll again.
     */
    async remove(actor: TechnicianActor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await deleteDevice(tx, id);
        if (!row) throw new AppError('not_found', 'No device with this id.');
        await recordAudit(tx, {
          actor,
          action: 'device.removed',
          target: { type: 'device', id },
          details: { customerId: row.customerId, hostname: row.hostname },
        });
      });
    },

    /**
     * Queues an action for the device; it goes out at once if the device is online, else when it
     * connects, until it expires. The same `Idempotency-Key` answers with the action it created.
     */
    async createAction(
      actor: TechnicianActor,
      deviceId: string,
      input: ActionCreate,
      idempotencyKey: string | undefined,
    ): Promise<Action> {
      // The device's existence is the insert's foreign key to check: one statement less per action.
      if (idempotencyKey) {
        const earlier = await findActionByIdempotencyKey(db, deviceId, idempotencyKey);
        if (earlier) return sameRequest(earlier, input);
      }
      try {
        const id = randomUUID();
        // A device connected to this process gets the action from the insert itself: no statement
        // to deliver it. Any other waits queued for its hub, which the insert notifies.
        const bootIdHere = announcer.bootIdHere(deviceId);
        const values = {
          id,
          deviceId,
          type: input.type,
          requestedByType: 'technician' as const,
          requestedById: actor.id,
          idempotencyKey: idempotencyKey ?? null,
          expiresAt: new Date(Date.now() + ACTION_DELIVERY_SECONDS[input.type] * 1000),
          ...(bootIdHere === undefined
            ? { state: 'queued' as const }
            : { state: 'sent' as const, sentAt: new Date(), bootIdAtSend: bootIdHere }),
        };
        let row: ActionRow | undefined;
        if (input.type === 'reset_password') {
          // The temporary password's text waits in the outbox with the action, in its transaction.
          const device = await deviceRow(deviceId);
          const reset = passwordReset(device, await deviceContact(device), id);
          row = await db.transaction(async (tx) => {
            const queued = await queueAction(
              tx,
              { ...values, params: reset.params },
              actor,
              announcer.notifyWith([deviceId]),
            );
            await sms.queue(tx, reset.text);
            return queued;
          });
        } else {
          const params =
            input.type === 'install_software'
              ? await installParams(db, input.softwareId, (await deviceRow(deviceId)).os)
              : {};
          row = await queue({ values: { ...values, params }, actor });
        }
        announcer.inserted(row);
        return presentAction(row);
      } catch (error) {
        if (isForeignKeyViolation(error, 'device_actions_device_id_devices_id_fk')) {
          throw new AppError('not_found', 'No device with this id.');
        }
        if (isUniqueViolation(error, 'device_actions_in_flight_key')) {
          // Worded for the console, which says it as is: "Reboot of this device is in progress already."
          throw new AppError(
            'action_in_progress',
            `${ACTION_NAMES[input.type]} of this device is in progress already.`,
          );
        }
        if (idempotencyKey && isUniqueViolation(error, 'device_actions_idempotency_key')) {
          const earlier = await findActionByIdempotencyKey(db, deviceId, idempotencyKey);
          if (earlier) return sameRequest(earlier, input);
        }
        throw error;
      }
    },

    async listActions(_actor: TechnicianActor, query: ActionListQuery) {
      const { page, pageSize, ...filter } = query;
      const { items, total } = await listActions(db, filter, { page, pageSize });
      return { items: items.map(presentAction), total };
    },

    async getAction(_actor: TechnicianActor, id: string): Promise<Action> {
      const row = await findAction(db, id);
      if (!row) throw new AppError('not_found', 'No action with this id.');
      return presentAction(row);
    },

    /** Only an action that has not gone out can be called back: the agent may be running it. */
    async cancelAction(actor: TechnicianActor, id: string): Promise<Action> {
      const row = await findAction(db, id);
      if (!row) throw new AppError('not_found', 'No action with this id.');
      const [cancelled] = await transitionActions(
        db,
        actionWhere.of(row.deviceId, id, ACTIONS_CANCELLABLE),
        'cancelled',
        { finishedAt: new Date() },
        actor,
      );
      if (!cancelled) {
        throw new AppError(
          'conflict',
          `This action is ${row.state.replaceAll('_', ' ')}: it can no longer be cancelled.`,
        );
      }
      return presentAction(cancelled);
    },
  };
}

/** A repeated request (same Idempotency-Key) gets the first answer; a different one is a mistake. */
function sameRequest(earlier: Parameters<typeof presentAction>[0], input: ActionCreate): Action {
  if (earlier.type !== input.type) {
    throw new AppError('conflict', 'This Idempotency-Key was used for another action of this device.');
  }
  return presentAction(earlier);
}

export type DevicesService = ReturnType<typeof createDevicesService>;
