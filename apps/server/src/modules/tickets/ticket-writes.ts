import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import type { Upload } from '../../lib/uploads';
import { recordAudit } from '../audit/audit.repo';
import { type CommentView, insertAttachments, insertComment, listCommentViews } from './comments.repo';
import { insertTicket, type TicketRow, touchTicket, updateTicket } from './tickets.repo';

/**
 * The writes every audience shares (console, portal, and later mail and the assistant), each with
 * its audit row, inside the caller's transaction.
 */

export async function writeTicket(
  tx: Db,
  actor: Actor,
  values: Parameters<typeof insertTicket>[1],
): Promise<TicketRow> {
  const row = await insertTicket(tx, values);
  await recordAudit(tx, {
    actor,
    action: 'ticket.created',
    target: { type: 'ticket', id: row.id },
    details: {
      number: row.number,
      customerId: row.customerId,
      source: row.source,
      ...(row.followUpOfId ? { followUpOf: row.followUpOfId } : {}),
    },
  });
  return row;
}

/** A reply or an internal note with its files; the ticket's updatedAt moves with it. */
export async function writeComment(
  tx: Db,
  actor: Actor,
  ticket: Pick<TicketRow, 'id' | 'number'>,
  input: { body: string; internal: boolean; uploads: Upload[] },
): Promise<CommentView> {
  const comment = await insertComment(tx, {
    ticketId: ticket.id,
    authorType: actor.kind,
    authorId: actor.id,
    body: input.body,
    internal: input.internal,
  });
  await insertAttachments(
    tx,
    input.uploads.map((file) => ({
      ticketId: ticket.id,
      commentId: comment.id,
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
      storageKey: file.storageKey,
      sha256: file.sha256,
      uploadedByType: actor.kind,
      uploadedById: actor.id,
    })),
  );
  await touchTicket(tx, ticket.id);
  await recordAudit(tx, {
    actor,
    action: input.internal ? 'ticket.internal_note_added' : 'ticket.replied',
    target: { type: 'ticket', id: ticket.id },
    details: { number: ticket.number, commentId: comment.id, attachments: input.uploads.length },
  });
  const [view] = await listCommentViews(tx, ticket.id, {
    includeInternal: input.internal,
    commentId: comment.id,
  });
  if (!view) throw new Error('comment vanished');
  return view;
}

/** A status change with its audit row (reopen, resolve, and the technicians' own updates). */
export async function writeStatus(
  tx: Db,
  actor: Actor,
  ticket: Pick<TicketRow, 'id' | 'number' | 'status'>,
  status: string,
) {
  if (ticket.status === status) return;
  await updateTicket(tx, ticket.id, { status });
  await recordAudit(tx, {
    actor,
    action: 'ticket.updated',
    target: { type: 'ticket', id: ticket.id },
    details: { number: ticket.number, changes: { status: { from: ticket.status, to: status } } },
  });
}
