import { and, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { passwordResetTokens } from '../../db/schema';

export type ResetOwner = { technicianId: string } | { contactId: string };

export async function insertResetToken(
  db: Db,
  values: { tokenHash: string; expiresAt: Date } & ResetOwner,
): Promise<void> {
  await db.insert(passwordResetTokens).values(values);
}

const live = (audience: 'technician' | 'contact', tokenHash: string) =>
  and(
    eq(passwordResetTokens.tokenHash, tokenHash),
    gt(passwordResetTokens.expiresAt, sql`now()`),
    isNotNull(audience === 'technician' ? passwordResetTokens.technicianId : passwordResetTokens.contactId),
  );

/** Whether a link would be accepted now (a cheap check before hashing the new password). */
export async function isResetTokenLive(
  db: Db,
  audience: 'technician' | 'contact',
  tokenHash: string,
): Promise<boolean> {
  const [row] = await db
    .select({ tokenHash: passwordResetTokens.tokenHash })
    .from(passwordResetTokens)
    .where(live(audience, tokenHash))
    .limit(1);
  return row !== undefined;
}

/**
 * Uses a link of this audience: deletes its row if it has not expired, and says whose it was. One
 * statement, so two requests racing with the same link cannot both get it.
 */
export async function takeResetToken(db: Db, audience: 'technician' | 'contact', tokenHash: string) {
  const [row] = await db
    .delete(passwordResetTokens)
    .where(live(audience, tokenHash))
    .returning({ technicianId: passwordResetTokens.technicianId, contactId: passwordResetTokens.contactId });
  return row;
}

/** Every link of an account: a new password makes the ones still in mailboxes useless. */
export async function deleteResetTokensOf(db: Db, owner: ResetOwner): Promise<void> {
  await db
    .delete(passwordResetTokens)
    .where(
      'technicianId' in owner
        ? eq(passwordResetTokens.technicianId, owner.technicianId)
        : eq(passwordResetTokens.contactId, owner.contactId),
    );
}

/** Links past their time: they open nothing, and the row would only wait for its account's next reset. */
export async function deleteExpiredResetTokens(db: Db): Promise<void> {
  await db.delete(passwordResetTokens).where(lte(passwordResetTokens.expiresAt, sql`now()`));
}
