import type { Technician, TechnicianCreate, TechnicianPreferences, TechnicianUpdate } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { hashPassword } from '../../lib/passwords';
import { deleteApiTokensOfTechnician } from '../api-tokens/api-tokens.repo';
import { revokeApiTokensOfTechnician } from '../api-tokens/api-tokens.service';
import { recordAudit } from '../audit/audit.repo';
import { deleteSessionsOfTechnician } from '../auth/sessions.repo';
import { writeTechnicianPassword } from './technician-password';
import { requireAdmin } from './technicians.policy';
import { presentTechnician } from './technicians.presenter';
import {
  countTechnicians,
  findTechnicianByEmail,
  findTechnicianById,
  insertTechnician,
  listTechnicians,
  updateTechnician,
} from './technicians.repo';

export function createTechniciansService(db: Db) {
  async function getOrThrow(tx: Db, id: string) {
    const row = await findTechnicianById(tx, id);
    if (!row) throw new AppError('not_found', 'No technician with this id.');
    return row;
  }

  /** An install must keep one admin, or nobody could manage technicians or settings again. */
  async function assertAnotherAdminRemains(tx: Db) {
    if ((await countTechnicians(tx, 'admin')) <= 1) {
      throw new AppError('rule_refused', 'Atrium needs at least one administrator.');
    }
  }

  return {
    async me(actor: TechnicianActor): Promise<Technician> {
      return presentTechnician(await getOrThrow(db, actor.id));
    },

    /** Anyone signed in may set their own preferences; nothing in them changes what they may do. */
    async updatePreferences(actor: TechnicianActor, input: TechnicianPreferences): Promise<Technician> {
      return db.transaction(async (tx) => {
        const row = await updateTechnician(tx, actor.id, input);
        if (!row) throw new AppError('not_found', 'No technician with this id.');
        await recordAudit(tx, {
          actor,
          action: 'technician.updated',
          target: { type: 'technician', id: actor.id },
          details: { fields: Object.keys(input) },
        });
        return presentTechnician(row);
      });
    },

    /** Every technician may see colleagues (to assign tickets); only admins change them. */
    async list(_actor: TechnicianActor): Promise<Technician[]> {
      return (await listTechnicians(db)).map(presentTechnician);
    },

    async create(actor: TechnicianActor, input: TechnicianCreate): Promise<Technician> {
      requireAdmin(actor);
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        if (await findTechnicianByEmail(tx, input.email)) throw new AppError('email_taken');
        const row = await insertTechnician(tx, {
          email: input.email,
          name: input.name,
          role: input.role,
          language: input.language,
          passwordHash,
        });
        await recordAudit(tx, {
          actor,
          action: 'technician.created',
          target: { type: 'technician', id: row.id },
          details: { email: row.email, role: row.role },
        });
        return presentTechnician(row);
      });
    },

    async update(actor: TechnicianActor, id: string, input: TechnicianUpdate): Promise<Technician> {
      requireAdmin(actor);
      const passwordHash = input.password ? await hashPassword(input.password) : undefined;
      return db.transaction(async (tx) => {
        const current = await getOrThrow(tx, id);
        if (input.email && input.email !== current.email && (await findTechnicianByEmail(tx, input.email))) {
          throw new AppError('email_taken');
        }
        const roleLowered = current.role === 'admin' && input.role === 'technician';
        if (roleLowered) await assertAnotherAdminRemains(tx);
        const { password: _password, ...fields } = input;
        const row = await updateTechnician(tx, id, fields);
        if (!row) throw new AppError('not_found', 'No technician with this id.');
        if (passwordHash) await writeTechnicianPassword(tx, actor, id, passwordHash);
        // A changed role ends the sessions opened with the old one; tokens made as an admin go too.
        if (input.role && input.role !== current.role) await deleteSessionsOfTechnician(tx, id);
        if (roleLowered) await revokeApiTokensOfTechnician(tx, actor, id, 'role_lowered');
        await recordAudit(tx, {
          actor,
          action: 'technician.updated',
          target: { type: 'technician', id },
          details: { fields: Object.keys(input) },
        });
        return presentTechnician(row);
      });
    },

    async remove(actor: TechnicianActor, id: string): Promise<void> {
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const current = await getOrThrow(tx, id);
        if (current.id === actor.id)
          throw new AppError('rule_refused', 'You cannot delete your own account.');
        if (current.role === 'admin') await assertAnotherAdminRemains(tx);
        await updateTechnician(tx, id, { deletedAt: new Date() });
        await deleteSessionsOfTechnician(tx, id);
        await deleteApiTokensOfTechnician(tx, id);
        await recordAudit(tx, { actor, action: 'technician.deleted', target: { type: 'technician', id } });
      });
    },
  };
}

export type TechniciansService = ReturnType<typeof createTechniciansService>;
