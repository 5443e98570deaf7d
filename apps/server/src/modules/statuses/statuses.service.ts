import type { TicketStatus, TicketStatusCreateSchema, TicketStatusUpdateSchema } from '@atrium/shared';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { recordAudit } from '../audit/audit.repo';
import { bumpCacheVersion, readSettingForUpdate, writeSetting } from '../settings/settings.repo';
import { requireAdmin } from '../technicians/technicians.policy';
import { presentStatus } from './statuses.presenter';
import {
  countTicketsWithStatus,
  deleteStatus,
  findStatuses,
  findStatusForUpdate,
  findStatusIgnoringCase,
  insertStatus,
  lockStatusNames,
  nextStatusPosition,
  updateStatus,
} from './statuses.repo';

export type TicketStatusCreate = z.infer<typeof TicketStatusCreateSchema>;
export type TicketStatusUpdate = z.infer<typeof TicketStatusUpdateSchema>;

const PORTAL_SETTINGS = 'portal';
const StoredVisibleStatusesSchema = z.array(z.string());

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function createStatusesService(db: Db) {
  async function getForUpdateOrThrow(tx: Db, name: string) {
    const row = await findStatusForUpdate(tx, name);
    if (!row) throw new AppError('not_found', `No ticket status named ${name}.`);
    return row;
  }

  async function assertNameFree(tx: Db, name: string, except?: string) {
    const clash = await findStatusIgnoringCase(tx, name);
    if (clash && clash.name !== except)
      throw new AppError('conflict', `A ticket status named ${clash.name} already exists.`);
  }

  /**
   * Keeps the portal's visible statuses in step with a rename (`to`) or a deletion (`to` null).
   * Settings that were never saved read as the defaults, which name only builtin statuses.
   */
  async function followInPortalSettings(tx: Db, from: string, to: string | null): Promise<boolean> {
    const stored = await readSettingForUpdate(tx, PORTAL_SETTINGS);
    if (!isRecord(stored)) return false;
    const visible = StoredVisibleStatusesSchema.safeParse(stored.visibleStatuses);
    if (!visible.success || !visible.data.includes(from)) return false;
    const next = visible.data.flatMap((name) => (name !== from ? [name] : to === null ? [] : [to]));
    await writeSetting(tx, PORTAL_SETTINGS, { ...stored, visibleStatuses: [...new Set(next)] });
    return true;
  }

  return {
    /** Any technician: ticket lists and forms need them. */
    async list(_actor: TechnicianActor): Promise<TicketStatus[]> {
      return (await findStatuses(db)).map(presentStatus);
    },

    async create(actor: TechnicianActor, input: TicketStatusCreate): Promise<TicketStatus> {
      requireAdmin(actor);
      return db.transaction(async (tx) => {
        await lockStatusNames(tx);
        await assertNameFree(tx, input.name);
        const row = await insertStatus(tx, {
          name: input.name,
          closed: input.closed ?? false,
          builtin: false,
          position: input.position ?? (await nextStatusPosition(tx)),
        });
        if (!row) throw new AppError('conflict', `A ticket status named ${input.name} already exists.`);
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'ticket_status.created',
          target: { type: 'ticket_status', id: row.name },
          details: { closed: row.closed, position: row.position },
        });
        return presentStatus(row);
      });
    },

    /** Builtin statuses keep their name and meaning; they can only move. */
    async update(actor: TechnicianActor, name: string, input: TicketStatusUpdate): Promise<TicketStatus> {
      requireAdmin(actor);
      return db.transaction(async (tx) => {
        await lockStatusNames(tx);
        const current = await getForUpdateOrThrow(tx, name);
        const renamed = input.name !== undefined && input.name !== current.name;
        const reclassified = input.closed !== undefined && input.closed !== current.closed;
        if (current.builtin && (renamed || reclassified)) {
          throw new AppError(
            'rule_refused',
            `${current.name} is a builtin status: it can be moved, not renamed or reclassified.`,
          );
        }
        if (renamed && input.name) await assertNameFree(tx, input.name, current.name);
        if (Object.keys(input).length === 0) return presentStatus(current);
        const row = await updateStatus(tx, current.name, input);
        if (!row) throw new AppError('not_found', `No ticket status named ${name}.`);
        const portalSettingsUpdated = renamed
          ? await followInPortalSettings(tx, current.name, row.name)
          : false;
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'ticket_status.updated',
          target: { type: 'ticket_status', id: row.name },
          details: {
            fields: Object.keys(input),
            ...(renamed ? { previousName: current.name, portalSettingsUpdated } : {}),
          },
        });
        return presentStatus(row);
      });
    },

    async remove(actor: TechnicianActor, name: string): Promise<void> {
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const current = await getForUpdateOrThrow(tx, name);
        if (current.builtin)
          throw new AppError('rule_refused', `${current.name} is a builtin status and cannot be deleted.`);
        const inUse = await countTicketsWithStatus(tx, current.name);
        if (inUse > 0) {
          throw new AppError(
            'in_use',
            `${inUse} ticket${inUse === 1 ? ' has' : 's have'} the status ${current.name}; move ${inUse === 1 ? 'it' : 'them'} to another status first.`,
          );
        }
        await deleteStatus(tx, current.name);
        const portalSettingsUpdated = await followInPortalSettings(tx, current.name, null);
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'ticket_status.deleted',
          target: { type: 'ticket_status', id: current.name },
          details: { portalSettingsUpdated },
        });
      });
    },
  };
}

export type StatusesService = ReturnType<typeof createStatusesService>;
