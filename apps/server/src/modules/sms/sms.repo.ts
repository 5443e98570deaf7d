import { ACTIONS_IN_FLIGHT } from '@atrium/shared';
import { and, asc, count, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { deviceActions, smsOutbox } from '../../db/schema';

export type SmsRow = typeof smsOutbox.$inferSelect;
export type NewSms = {
  to: string;
  body: string;
  contactId: string | null;
  /** Held until this action succeeds (a temporary password that is real only once the device set it). */
  heldFor?: string;
};

/**
 * Records a text in the caller's transaction: it goes out only if the change commits. With the
 * outbox provider the outbox is where texts are delivered, so it is stored as sent.
 */
export async function queueSms(db: Db, sms: NewSms, provider: Config['sms']['provider']): Promise<void> {
  const { heldFor, ...text } = sms;
  const held = heldFor ? { actionId: heldFor, held: true } : {};
  await db
    .insert(smsOutbox)
    .values(
      provider === 'outbox' ? { ...text, ...held, status: 'sent', sentAt: sql`now()` } : { ...text, ...held },
    );
}

/**
 * Lets go the texts held for the actions `succeeded` selects (ids), as part of the statement that
 * records their success: the text cannot be lost between the two, nor sent for an action that failed.
 * It dates from its release: until then it was not a text anyone could read.
 */
export function releaseHeldSms(succeeded: SQL): SQL {
  return sql`update ${smsOutbox} set
      held = false,
      created_at = now(),
      next_attempt_at = now(),
      sent_at = case when ${smsOutbox.status} = 'sent' then now() else ${smsOutbox.sentAt} end
    where ${smsOutbox.held} and ${smsOutbox.actionId} in (${succeeded})`;
}

/** Texts held for actions that ended otherwise: the password was never set, and is forgotten. */
export async function discardHeldSms(db: Db): Promise<void> {
  await db.delete(smsOutbox).where(
    and(
      eq(smsOutbox.held, true),
      sql`not exists (select 1 from ${deviceActions} a where a.id = ${smsOutbox.actionId}
        and a.state in (${sql.join(
          [...ACTIONS_IN_FLIGHT, 'succeeded'].map((state) => sql`${state}`),
          sql`, `,
        )}))`,
    ),
  );
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
    .where(
      and(
        eq(smsOutbox.status, 'queued'),
        sql`not ${smsOutbox.held}`,
        lte(smsOutbox.nextAttemptAt, sql`now()`),
      ),
    )
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

/** A held text is not a text yet: it shows once it is released. */
const notHeld = sql`not ${smsOutbox.held}`;

export async function listSms(db: Db, page: { page: number; pageSize: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(smsOutbox)
      .where(notHeld)
      .orderBy(desc(smsOutbox.createdAt), desc(smsOutbox.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ value: count() }).from(smsOutbox).where(notHeld),
  ]);
  return { rows, total: total?.value ?? 0 };
}
