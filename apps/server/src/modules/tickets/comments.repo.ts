import { and, asc, eq, getTableColumns, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attachments, contacts, technicians, ticketComments } from '../../db/schema';

export type CommentRow = typeof ticketComments.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type CommentView = CommentRow & { authorName: string | null; attachments: AttachmentRow[] };

/**
 * The name readers see next to a comment: the technician's, the contact's, none for the assistant
 * and the system (the apps name those themselves).
 */
function authorNameOf(authorType: SQLWrapper, authorId: SQLWrapper): SQL<string | null> {
  return sql<string | null>`case ${authorType}
    when 'technician' then (select ${technicians.name} from ${technicians} where ${technicians.id} = ${authorId})
    when 'contact' then (select ${contacts.firstName} || ' ' || ${contacts.lastName} from ${contacts} where ${contacts.id} = ${authorId})
    else null end`;
}

/** What the statement of `prepareCommentWrite` answers beside the comment's columns. */
const viewExtras = {
  authorName: sql<string | null>`author_name`.as('author_name'),
  files: sql<Record<string, unknown>[]>`files`.as('files'),
};

/** A file as `to_jsonb` writes an attachments row: the columns' database names, dates as text. */
function attachmentOfJson(json: Record<string, unknown>): AttachmentRow {
  const row = Object.fromEntries(
    Object.entries(fileColumns).map(([key, column]) => [key, json[column.name]]),
  ) as unknown as AttachmentRow;
  return { ...row, createdAt: new Date(json.created_at as string) };
}

/** A file of a new comment, as a row of the `files` parameter of `prepareCommentWrite`. */
export type CommentFile = Omit<
  typeof attachments.$inferInsert,
  'id' | 'ticketId' | 'commentId' | 'createdAt'
>;

const fileColumns = getTableColumns(attachments);
/** The file fields of the JSON rows, with their SQL types (`jsonb_to_recordset` needs them). */
const fileRecord = sql.join(
  (
    ['filename', 'contentType', 'size', 'storageKey', 'sha256', 'uploadedByType', 'uploadedById'] as const
  ).map((key) => sql`${sql.identifier(key)} ${sql.raw(fileColumns[key].getSQLType())}`),
  sql`, `,
);

/**
 * A comment, its files, and what `alongside` writes with them (given the new comment as `comment`),
 * in one statement that answers with the comment as readers see it: one round trip for what was
 * six.
 */
export function prepareCommentWrite(db: Db, name: string, alongside: (comment: SQL) => SQL[]) {
  const comment = db
    .$with('comment', {})
    .as(
      sql`insert into ${ticketComments} (ticket_id, author_type, author_id, body, internal) values (${sql.placeholder('ticketId')}, ${sql.placeholder('authorType')}, ${sql.placeholder('authorId')}, ${sql.placeholder('body')}, ${sql.placeholder('internal')}) returning *`,
    );
  const files = db.$with('files', {}).as(
    sql`insert into ${attachments} (ticket_id, comment_id, filename, content_type, size, storage_key, sha256, uploaded_by_type, uploaded_by_id)
      select comment.ticket_id, comment.id, f.${sql.identifier('filename')}, f.${sql.identifier('contentType')}, f.${sql.identifier('size')},
        f.${sql.identifier('storageKey')}, f.${sql.identifier('sha256')}, f.${sql.identifier('uploadedByType')}, f.${sql.identifier('uploadedById')}
      from comment, jsonb_to_recordset(${sql.placeholder('files')}::jsonb) as f(${fileRecord})
      returning *`,
  );
  const writes = alongside(sql`comment`).map((statement, i) => db.$with(`alongside_${i}`, {}).as(statement));
  const view = db.$with('view', { ...getTableColumns(ticketComments), ...viewExtras }).as(
    sql`select comment.*, ${authorNameOf(sql`comment.author_type`, sql`comment.author_id`)} as author_name,
      (select coalesce(jsonb_agg(to_jsonb(files)), '[]'::jsonb) from files) as files
      from comment`,
  );
  return db
    .with(comment, files, ...writes, view)
    .select()
    .from(view)
    .prepare(name);
}

export type CommentWrite = ReturnType<typeof prepareCommentWrite>;

/** Runs a statement of `prepareCommentWrite`; `alongside` holds the values its other statements use. */
export async function runCommentWrite(
  statement: CommentWrite,
  values: {
    ticketId: string;
    authorType: CommentRow['authorType'];
    authorId: string | null;
    body: string;
    internal: boolean;
    files: CommentFile[];
  },
  alongside: Record<string, unknown>,
): Promise<CommentView> {
  const [row] = await statement.execute({ ...alongside, ...values, files: JSON.stringify(values.files) });
  if (!row) throw new Error('insert returned no row');
  const { files: written, ...rest } = row;
  return { ...rest, attachments: written.map(attachmentOfJson) };
}

/** The thread of a ticket, oldest first, with author names and attachments (internal notes only if asked). */
export async function listCommentViews(
  db: Db,
  ticketId: string,
  options: { includeInternal: boolean },
): Promise<CommentView[]> {
  const where: SQL | undefined = and(
    eq(ticketComments.ticketId, ticketId),
    options.includeInternal ? undefined : eq(ticketComments.internal, false),
  );
  const rows = await db
    .select({
      comment: ticketComments,
      authorName: authorNameOf(ticketComments.authorType, ticketComments.authorId),
    })
    .from(ticketComments)
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
