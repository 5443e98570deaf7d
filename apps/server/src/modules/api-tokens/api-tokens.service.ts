import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { newSecret } from '../../lib/tokens';
import { recordAudit } from '../audit/audit.repo';
import { deleteApiToken, insertApiToken, listApiTokens } from './api-tokens.repo';

/** Personal API tokens: each acts as the technician who made it, and only they see or revoke it. */
export function createApiTokensService(db: Db) {
  return {
    async create(actor: TechnicianActor, name: string) {
      const { secret, hash } = newSecret('atr_');
      return db.transaction(async (tx) => {
        const row = await insertApiToken(tx, { technicianId: actor.id, name, tokenHash: hash });
        await recordAudit(tx, {
          actor,
          action: 'api_token.created',
          target: { type: 'api_token', id: row.id },
        });
        return { id: row.id, name: row.name, token: secret, createdAt: row.createdAt.toISOString() };
      });
    },

    async list(actor: TechnicianActor) {
      const rows = await listApiTokens(db, actor.id);
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        createdAt: row.createdAt.toISOString(),
        lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      }));
    },

    async revoke(actor: TechnicianActor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await deleteApiToken(tx, actor.id, id)))
          throw new AppError('not_found', 'No API token with this id.');
        await recordAudit(tx, { actor, action: 'api_token.revoked', target: { type: 'api_token', id } });
      });
    },
  };
}
