import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { revokeApiTokensOfTechnician } from '../api-tokens/api-tokens.service';
import { deleteResetTokensOf } from '../auth/password-reset.repo';
import { deleteSessionsOfTechnician } from '../auth/sessions.repo';
import { updateTechnician } from './technicians.repo';

/**
 * The one way a technician's password changes (an admin's reset, their own change, a reset link):
 * sessions opened with the old one end (but `keepSessionId`, the one asking), API tokens are
 * revoked, and reset links still in the mailbox stop working. In the caller's transaction.
 */
export async function writeTechnicianPassword(
  tx: Db,
  actor: Actor,
  technicianId: string,
  passwordHash: string,
  keepSessionId?: string,
) {
  const row = await updateTechnician(tx, technicianId, { passwordHash });
  if (!row) throw new AppError('not_found', 'No technician with this id.');
  await deleteSessionsOfTechnician(tx, technicianId, keepSessionId);
  await revokeApiTokensOfTechnician(tx, actor, technicianId, 'password_changed');
  await deleteResetTokensOf(tx, { technicianId });
  return row;
}
