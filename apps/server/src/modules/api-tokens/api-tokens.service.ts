import type { ApiToken, ApiTokenCreate } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { Actor, TechnicianActor } from '../../lib/actor';
import { AppError, invalidField } from '../../lib/app-error';
import { newSecret } from '../../lib/tokens';
import { recordAudit } from '../audit/audit.repo';
import { requireAdmin } from '../technicians/technicians.policy';
import { findTechnicianById } from '../technicians/technicians.repo';
import { requireCanCreateToken } from './api-tokens.policy';
import {
  type ApiTokenRow,
  deleteApiToken,
  deleteApiTokensOfTechnician,
  insertApiToken,
  listApiTokens,
} from './api-tokens.repo';

function presentApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Why a technician's tokens were all revoked at once (the audit rows say it). */
export type TokenRevocationReason = 'password_changed' | 'role_lowered';

/**
 * Ends every API token of a technician, with an audit row per token, in the caller's transaction:
 * a token made with the old password or the old role must not outlive them.
 */
export async function revokeApiTokensOfTechnician(
  tx: Db,
  actor: Actor | { kind: 'system' },
  technicianId: string,
  reason: TokenRevocationReason,
): Promise<void> {
  for (const token of await deleteApiTokensOfTechnician(tx, technicianId)) {
    await recordAudit(tx, {
      actor,
      action: 'api_token.revoked',
      target: { type: 'api_token', id: token.id },
      details: { technicianId, name: token.name, reason },
    });
  }
}

/**
 * Personal API tokens: each acts as the technician who made it. Its owner sees and revokes it; so
 * do admins, for every technician.
 */
export function createApiTokensService(db: Db) {
  async function revokeOne(actor: TechnicianActor, technicianId: string, id: string) {
    await db.transaction(async (tx) => {
      if (!(await deleteApiToken(tx, technicianId, id)))
        throw new AppError('not_found', 'No API token with this id.');
      await recordAudit(tx, {
        actor,
        action: 'api_token.revoked',
        target: { type: 'api_token', id },
        details: { technicianId },
      });
    });
  }

  async function assertTechnician(id: string) {
    if (!(await findTechnicianById(db, id))) throw new AppError('not_found', 'No technician with this id.');
  }

  return {
    async create(actor: TechnicianActor, input: ApiTokenCreate) {
      requireCanCreateToken(actor);
      const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= Date.now())
        throw invalidField('expiresAt', 'must be in the future');
      const { secret, hash } = newSecret('atr_');
      return db.transaction(async (tx) => {
        const row = await insertApiToken(tx, {
          technicianId: actor.id,
          name: input.name,
          tokenHash: hash,
          expiresAt,
        });
        await recordAudit(tx, {
          actor,
          action: 'api_token.created',
          target: { type: 'api_token', id: row.id },
          details: { expiresAt: row.expiresAt?.toISOString() ?? null },
        });
        return { ...presentApiToken(row), token: secret };
      });
    },

    async list(actor: TechnicianActor): Promise<ApiToken[]> {
      return (await listApiTokens(db, actor.id)).map(presentApiToken);
    },

    async revoke(actor: TechnicianActor, id: string): Promise<void> {
      await revokeOne(actor, actor.id, id);
    },

    async listOfTechnician(actor: TechnicianActor, technicianId: string): Promise<ApiToken[]> {
      requireAdmin(actor);
      await assertTechnician(technicianId);
      return (await listApiTokens(db, technicianId)).map(presentApiToken);
    },

    async revokeOfTechnician(actor: TechnicianActor, technicianId: string, id: string): Promise<void> {
      requireAdmin(actor);
      await revokeOne(actor, technicianId, id);
    },
  };
}
