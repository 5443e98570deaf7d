import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attachments, contacts, technicians, ticketComments } from '../../db/schema';

export type CommentRow = typeof ticketComments.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type CommentView = CommentRow & { authorName: string | null; attachments: AttachmentRow[] };

export async function insertComment(db: Db, values: typeof ticketComments.$inferInsert): Promise<CommentRow> {
  const [row] = await db.insert(ticketComments).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function insertAttachments(
  db: Db,
  values: (typeof attachments.$inferInsert)[],
): Promise<AttachmentRow[]> {
  if (values.length === 0) return [];
  return db.insert(attachments).values(values).returning();
}

/** The thread of a ticket, oldest first, with author names and attachments (internal notes only if asked). */
export async function listCommentViews(
  db: Db,
  ticketId: string,
  options: { includeInternal: boolean; commentId?: string },
): Promise<CommentView[]> {
  const where: SQL | undefined = and(
    eq(ticketComments.ticketId, ticketId),
    options.includeInternal ? undefined : eq(ticketComments.internal, false),
    options.commentId ? eq(ticketComments.id, options.commentId) : undefined,
  );
  const rows = await db
    .select({
      comment: ticketComments,
      authorName: sql<string | null>`case ${ticketComments.authorType}
        when 'technician' then ${technicians.name}
        when 'contact' then ${contacts.firstName} || ' ' || ${contacts.lastName}
        else null end`,
    })
    .from(ticketComments)
    .leftJoin(
      technicians,
      and(eq(ticketComments.authorType, 'technician'), eq(technicians.id, ticketComments.authorId)),
    )
    .leftJoin(
      contacts,
      and(eq(ticketComments.authorType, 'contact'), eq(contacts.id, ticketComments.authorId)),
    )
    .where(where)
    .orderBy(asc(ticketComments.createdAt), asc(ticketComments.id));
  const files = rows.length
    ? await db
        .select()
        .from(attachments)
        .where(
          inArray(
            attachments.commentId,
            rows.map((row) => row.comment.id),
          ),
        )
        .orderBy(asc(attachments.createdAt))
    : [];
  return rows.map((row) => ({
    ...row.comment,
    authorName: row.authorName,
    attachments: files.filter((file) => file.commentId === row.comment.id),
  }));
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  return row;
}

/** The comment an attachment belongs to (its `internal` flag decides who may download it). */
export async function findCommentOf(db: Db, attachment: AttachmentRow): Promise<CommentRow | undefined> {
  if (!attachment.commentId) return undefined;
  const [row] = await db
    .select()
    .from(ticketComments)
    .where(eq(ticketComments.id, attachment.commentId))
    .limit(1);
  return row;
}
