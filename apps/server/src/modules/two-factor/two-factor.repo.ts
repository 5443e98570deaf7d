import { randomInt, randomUUID } from 'node:crypto';
import { CODE_ATTEMPTS, CODE_DIGITS, CODE_TTL_SECONDS } from '@atrium/shared';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { verificationCodes } from '../../db/schema';
import { hashSecret } from '../../lib/tokens';

export type CodePurpose = (typeof verificationCodes.$inferSelect)['purpose'];
export type CodeRow = typeof verificationCodes.$inferSelect;

/** Salted with the row's id: the same six digits never hash alike twice. */
const codeHash = (id: string, code: string) => hashSecret(`${id}:${code}`);

/** A new code; returns it in clear for the one SMS that carries it, and stores only its hash. */
export async function insertCode(
  db: Db,
  values: { contactId: string; purpose: CodePurpose; phone: string; actionId?: string },
): Promise<{ code: string; row: CodeRow }> {
  const id = randomUUID();
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
  const [row] = await db
    .insert(verificationCodes)
    .values({
      id,
      ...values,
      codeHash: codeHash(id, code),
      expiresAt: sql`now() + make_interval(secs => ${CODE_TTL_SECONDS})`,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return { code, row };
}

/**
 * Serializes the sends of one contact and of one number until the transaction ends, so that two
 * parallel requests cannot both read a count under the limit (locks taken in one order: no deadlock).
 */
export async function lockSends(db: Db, keys: string[]): Promise<void> {
  for (const key of [...keys].sort()) {
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms:${key}`}))`);
  }
}

/** Codes sent to this contact or to this number since `seconds` ago. */
export async function countRecentSends(
  db: Db,
  contactId: string,
  phone: string,
  seconds: number,
): Promise<{ contact: number; phone: number }> {
  const since = sql`now() - make_interval(secs => ${seconds})`;
  const [row] = await db
    .select({
      contact: sql<number>`count(*) filter (where ${verificationCodes.contactId} = ${contactId})::int`,
      phone: sql<number>`count(*) filter (where ${verificationCodes.phone} = ${phone})::int`,
    })
    .from(verificationCodes)
    .where(
      and(
        or(eq(verificationCodes.contactId, contactId), eq(verificationCodes.phone, phone)),
        gt(verificationCodes.createdAt, since),
      ),
    );
  return { contact: row?.contact ?? 0, phone: row?.phone ?? 0 };
}

/** The contact's latest code for this purpose (and action), used or not. */
export async function latestCode(
  db: Db,
  contactId: string,
  purpose: CodePurpose,
  actionId?: string,
): Promise<CodeRow | undefined> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.contactId, contactId),
        eq(verificationCodes.purpose, purpose),
        actionId ? eq(verificationCodes.actionId, actionId) : undefined,
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  return row;
}

export type CodeCheck = 'right' | 'wrong' | 'expired' | 'exhausted' | 'used';

/**
 * One attempt at a code, taken before the comparison in the same statement that counts it, so
 * parallel guesses cannot slip past the limit; a right code is used up at once.
 */
export async function checkCode(db: Db, row: CodeRow, code: string): Promise<CodeCheck> {
  if (row.usedAt) return 'used';
  const [taken] = await db
    .update(verificationCodes)
    .set({ attempts: sql`${verificationCodes.attempts} + 1` })
    .where(
      and(
        eq(verificationCodes.id, row.id),
        isNull(verificationCodes.usedAt),
        lt(verificationCodes.attempts, CODE_ATTEMPTS),
        gt(verificationCodes.expiresAt, sql`now()`),
      ),
    )
    .returning({ attempts: verificationCodes.attempts });
  if (!taken) return row.expiresAt.getTime() <= Date.now() ? 'expired' : 'exhausted';
  if (codeHash(row.id, code) !== row.codeHash) {
    return taken.attempts >= CODE_ATTEMPTS ? 'exhausted' : 'wrong';
  }
  const [used] = await db
    .update(verificationCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(verificationCodes.id, row.id), isNull(verificationCodes.usedAt)))
    .returning({ id: verificationCodes.id });
  return used ? 'right' : 'used';
}
