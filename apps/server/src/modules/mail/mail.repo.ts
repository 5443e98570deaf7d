import type { Db } from '../../db/client';
import { mailOutbox } from '../../db/schema';

export type QueuedMail = typeof mailOutbox.$inferInsert;

/** Records a message to send; the sender (SMTP or the console's outbox) picks it up from here. */
export async function queueMail(db: Db, mail: QueuedMail): Promise<void> {
  await db.insert(mailOutbox).values(mail);
}
