import type { SigningKey } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { recordAudit } from '../audit/audit.repo';
import { requireAdmin } from '../technicians/technicians.policy';
import { listSigningKeys } from './devices.repo';
import { type CommandSigning, presentSigningKeys, rotateSigningKeys } from './signing';

/**
 * The server's command-signing keys (SPEC §6): technicians see them, admins rotate them. A rotation
 * reaches every server process and every connected agent at once; an agent offline across two
 * rotations pins none of the keys left and must enroll again.
 */
export function createSigningKeysService(db: Db, signing: CommandSigning) {
  return {
    async list(_actor: TechnicianActor): Promise<SigningKey[]> {
      return presentSigningKeys(await listSigningKeys(db));
    },

    async rotate(actor: TechnicianActor): Promise<SigningKey[]> {
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const rotation = await rotateSigningKeys(tx);
        await recordAudit(tx, {
          actor,
          action: 'agent_signing_key.rotated',
          target: { type: 'agent_signing_key', id: rotation.signing },
          details: rotation,
        });
        await signing.announceRotation(tx);
      });
      signing.rotated();
      return presentSigningKeys(await listSigningKeys(db));
    },
  };
}

export type SigningKeysService = ReturnType<typeof createSigningKeysService>;
