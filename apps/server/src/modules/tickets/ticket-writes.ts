import type { TicketUpdate } from '@atrium/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor, ContactActor } from '../../lib/actor';
import { preparedPerShape } from '../../lib/prepared';
import type { Upload } from '../../lib/uploads';
import { auditActor, auditFrom, recordAudit } from '../audit/audit.repo';
import { type CustomFieldValue, mergeCustomFieldValues } from '../custom-fields/custom-fields.values';
import { mailEventFrom, recordTicketMailIds, type TicketEvent } from '../mail/mail.repo';
import type { TicketEvents } from '../mail/notifications';
import { type CommentView, insertAttachments, insertComment, listCommentViews } from './comments.repo';
import {
  type NewTicket,
  prepareTicketInsert,
  type TicketInsertValue,
  type TicketRow,
  touchTicket,
  updateTicket,
} from './tickets.repo';

/**
 * A change to a ticket as an audience asks for it, once its own policy has accepted it (the console
 * lets technicians change everything, the portal only the fields contacts may edit); custom-field
 * values are validated and merge into the ticket's.
 */
export type TicketChange = Omit<TicketUpdate, 'customFields'> & {
  customFields?: Record<string, CustomFieldValue>;
};

/** The fields an audit row lists as changed: old and new value of each. */
function changes(
  before: TicketRow,
  after: Partial<TicketRow>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after) as [keyof TicketRow, unknown][]) {
    const from = before[key];
    const same =
      from instanceof Date || to instanceof Date
        ? (from as Date | null)?.getTime() === (to as Date | null)?.getTime()
        : JSON.stringify(from) === JSON.stringify(to);
    if (!same && key !== 'updatedAt') out[key] = { from, to };
  }
  return out;
}

/**
 * Every write to a ticket, whoever makes it (console, portal, mail and later the assistant): each
 * with its audit row and the mail it causes, inside the caller's transaction. Callers check their
 * own policy first and never write tickets any other way. `notify: false` is for a write that is
 * part of another one which already tells people (the files of a ticket being opened).
 */
export function createTicketWrites(notifications: TicketEvents) {
  /**
   * Changes a ticket the caller has locked; what really changes is audited (nothing: no write), and
   * a new status is news for the requester.
   */
  async function writeUpdate(tx: Db, actor: Actor, current: TicketRow, change: TicketChange): Promise<void> {
    const { customFields, dueDate, billed, ...plain } = change;
    const next: Partial<TicketRow> = { ...plain };
    if (dueDate !== undefined) next.dueDate = dueDate ? new Date(dueDate) : null;
    if (billed !== undefined && billed !== current.billed) {
      next.billed = billed;
      next.billedAt = billed ? new Date() : null;
    }
    if (customFields) next.customFields = mergeCustomFieldValues(current.customFields, customFields);
    const changed = changes(current, next);
    if (Object.keys(changed).length === 0) return;
    await updateTicket(tx, current.id, next);
    await recordAudit(tx, {
      actor,
      action: 'ticket.updated',
      target: { type: 'ticket', id: current.id },
      details: { number: current.number, changes: changed },
    });
    if (changed.status && next.status) await notifications.statusChanged(tx, actor, current.id, next.status);
  }

  return {
    async writeTicket(
      tx: Db,
      actor: Actor,
      values: NewTicket,
      { notify = true, messageId }: { notify?: boolean; messageId?: string } = {},
    ): Promise<TicketRow> {
      const row = await writeTicketRow(
        tx,
        actor,
        values,
        notify ? notifications.ticketCreated(actor) : undefined,
      );
      // The mail that opened the ticket starts its thread: every notification answers it.
      if (messageId) await recordTicketMailIds(tx, row.id, [messageId]);
      return row;
    },

    async writeComment(
      tx: Db,
      actor: Actor,
      ticket: Pick<TicketRow, 'id' | 'number'>,
      input: { body: string; internal: boolean; uploads: Upload[] },
      { notify = true } = {},
    ): Promise<CommentView> {
      const view = await writeCommentRow(tx, actor, ticket, input);
      if (notify) await notifications.commentAdded(tx, actor, ticket.id, input);
      return view;
    },

    /**
     * A turn of a chat with the assistant, on the chat's ticket (SPEC §7): written by the
     * assistant, caused by the contact (the audit row's actor). No mail: technicians were told
     * when the ticket opened, and the contact reads the chat itself.
     */
    writeAssistantTurn: (
      tx: Db,
      contact: ContactActor,
      ticket: Pick<TicketRow, 'id' | 'number'>,
      body: string,
    ) => writeCommentRow(tx, contact, ticket, { body, internal: false, uploads: [] }, 'assistant'),

    writeUpdate,

    writeStatus: (tx: Db, actor: Actor, current: TicketRow, status: string) =>
      writeUpdate(tx, actor, current, { status }),
  };
}

export type TicketWrites = ReturnType<typeof createTicketWrites>;

/**
 * What changes the text of the statement that opens a ticket: which values are present (and which
 * of them are null: a column encoder does not take null), and whether an event goes with it.
 */
type TicketInsertShape = { keys: string[]; nulls: Set<string>; withEvent: boolean };

const ticketInsert = preparedPerShape(
  'ticket_insert',
  (tx: Db, { keys, nulls, withEvent }: TicketInsertShape, name) => {
    // The keys are those of a complete insert (title and source always among them).
    const values = Object.fromEntries(
      keys.map((column) => [column, nulls.has(column) ? sql`null` : sql.placeholder(column)]),
    ) as TicketInsertValue;
    return prepareTicketInsert(tx, name, values, (inserted) => [
      auditFrom(inserted, {
        actorType: sql.placeholder('actorType'),
        actorId: sql.placeholder('actorId'),
        ip: sql.placeholder('ip'),
        action: 'ticket.created',
        targetType: 'ticket',
        targetId: sql`${inserted.id}::text`,
        // Only the number is the database's to choose.
        details: sql`${sql.placeholder('details')}::jsonb || jsonb_build_object('number', ${inserted.number})`,
      }),
      ...(withEvent
        ? [
            mailEventFrom(inserted, sql`${inserted.id}`, {
              kind: sql.placeholder('eventKind'),
              actor: sql.placeholder('eventActor'),
            }),
          ]
        : []),
    ]);
  },
  ({ keys, nulls, withEvent }) =>
    `${keys.map((key) => (nulls.has(key) ? `${key}=null` : key)).join(',')}${withEvent ? '+event' : ''}`,
);

/** The ticket, its audit row and its mail event: one statement. */
async function writeTicketRow(
  tx: Db,
  actor: Actor,
  values: NewTicket,
  event: TicketEvent | undefined,
): Promise<TicketRow> {
  const present = Object.entries(values).filter(([, value]) => value !== undefined);
  const keys = present.map(([key]) => key).sort();
  const nulls = new Set(present.filter(([, value]) => value === null).map(([key]) => key));
  const details = {
    customerId: values.customerId ?? null,
    source: values.source,
    ...(values.followUpOfId ? { followUpOf: values.followUpOfId } : {}),
  };
  const [row] = await ticketInsert(tx, { keys, nulls, withEvent: event !== undefined }).execute({
    ...Object.fromEntries(present),
    ...auditActor(actor),
    details: JSON.stringify(details),
    eventKind: event?.kind,
    eventActor: event?.actor,
  });
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A reply or an internal note with its files; the ticket's updatedAt moves with it. */
async function writeCommentRow(
  tx: Db,
  actor: Actor,
  ticket: Pick<TicketRow, 'id' | 'number'>,
  input: { body: string; internal: boolean; uploads: Upload[] },
  author: Actor['kind'] | 'assistant' = actor.kind,
): Promise<CommentView> {
  const comment = await insertComment(tx, {
    ticketId: ticket.id,
    authorType: author,
    authorId: author === actor.kind ? actor.id : null,
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
