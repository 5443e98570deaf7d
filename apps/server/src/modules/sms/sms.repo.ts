import { and, asc, count, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { smsOutbox } from '../../db/schema';

export type SmsRow = typeof smsOutbox.$inferSelect;
export type NewSms = { to: string; body: string; contactId: string | null };

/**
 * Records a text in the caller's transaction: it goes out only if the change commits. With the
 * outbox provider the outbox is where texts are delivered, so it is stored as sent.
 */
export async function queueSms(db: Db, sms: NewSms, provider: Config['sms']['provider']): Promise<void> {
  await db
    .insert(smsOutbox)
    .values(provider === 'outbox' ? { ...sms, status: 'sent', sentAt: sql`now()` } : sms);
}

/**
 * Takes up to `limit` due texts for `leaseSeconds`. Rows another process holds are skipped, so
 * several servers share the queue; a process that dies mid-send lets the lease run out, and the
 * text is tried again then.
 */
export async function claimDueSms(db: Db, limit: number, leaseSeconds: number): Promise<SmsRow[]> {
  const due = db
    .select({ id: smsOutbox.id })
    .from(smsOutbox)
    .where(and(eq(smsOutbox.status, 'queued'), lte(smsOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(smsOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(smsOutbox)
    .set({
      attempts: sql`${smsOutbox.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(inArray(smsOutbox.id, due))
    .returning();
}

/** A delivered text loses its body: it carried a code or a password, which the outbox must not keep. */
export async function markSmsSent(db: Db, id: string): Promise<void> {
  await db
    .update(smsOutbox)
    .set({
      status: 'sent',
      sentAt: sql`now()`,
      lastError: null,
      body: '(removed once delivered: texts carry codes and passwords)',
    })
    .where(eq(smsOutbox.id, id));
}

/** `retryInSeconds` null: given up, the text stays failed. */
export async function markSmsFailed(db: Db, id: string, error: string, retryInSeconds: number | null) {
  await db
    .update(smsOutbox)
    .set(
      retryInSeconds === null
        ? { status: 'failed', lastError: error }
        : { lastError: error, nextAttemptAt: sql`now() + make_interval(secs => ${retryInSeconds})` },
    )
    .where(eq(smsOutbox.id, id));
}

export async function listSms(db: Db, page: { page: number; pageSize: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(smsOutbox)
      .orderBy(desc(smsOutbox.createdAt), desc(smsOutbox.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ value: count() }).from(smsOutbox),
  ]);
  return { rows, total: total?.value ?? 0 };
}
