import { randomUUID } from 'node:crypto';
import type { TicketUpdate } from '@atrium/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor, ContactActor } from '../../lib/actor';
import { createBatchedCalls } from '../../lib/batches';
import { preparedPerShape } from '../../lib/prepared';
import type { Upload } from '../../lib/uploads';
import { auditActor, auditFrom, auditValues } from '../audit/audit.repo';
import { type CustomFieldValue, mergeCustomFieldValues } from '../custom-fields/custom-fields.values';
import { mailEventFrom, type TicketEvent } from '../mail/mail.repo';
import type { TicketEvents } from '../mail/notifications';
import { type CommentView, prepareCommentWrite, runCommentWrite } from './comments.repo';
import {
  type NewTicket,
  prepareTicketBatch,
  type TicketRow,
  ticketColumnValues,
  touchTicketFrom,
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
export function createTicketWrites(db: Db, notifications: TicketEvents) {
  /**
   * Tickets opened on their own in the same moment go in as one statement, a group commit (the
   * portal's new tickets: one round trip and one commit for many). One that the batch could not
   * write goes alone and gets its own error; its id, chosen here, cannot be written twice.
   */
  const openTogether = createBatchedCalls(
    async (batch: TicketToOpen[]) => {
      const written = new Map<string, TicketRow>();
      for (const group of groupByShape(batch)) {
        // A group that fails leaves its tickets to go alone.
        const rows = await insertGroup(db, group).catch(() => []);
        for (const row of rows) written.set(row.id, row);
      }
      return batch.map((ticket) => written.get(ticket.id));
    },
    (ticket: TicketToOpen) => insertOne(db, ticket),
  );

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
    const audit = auditValues({
      actor,
      action: 'ticket.updated',
      target: { type: 'ticket', id: current.id },
      details: { number: current.number, changes: changed },
    });
    const event = changed.status && next.status ? notifications.statusChanged(actor, next.status) : undefined;
    await updateTicket(tx, current.id, next, (updated) => [
      auditFrom(updated, audit),
      ...(event ? [mailEventFrom(updated, sql`${updated}.id`, event)] : []),
    ]);
  }

  return {
    async writeTicket(
      tx: Db,
      actor: Actor,
      values: NewTicket,
      { notify = true }: { notify?: boolean } = {},
    ): Promise<TicketRow> {
      const event = notify ? notifications.ticketCreated(actor) : undefined;
      return insertOne(tx, { id: randomUUID(), actor, values, event });
    },

    /**
     * A ticket opened with nothing else in its transaction (the portal's, without files): it may
     * go in with the others of its moment (see `openTogether`).
     */
    openTicket: (actor: Actor, values: NewTicket): Promise<TicketRow> =>
      openTogether({ id: randomUUID(), actor, values, event: notifications.ticketCreated(actor) }),

    async writeComment(
      tx: Db,
      actor: Actor,
      ticket: Pick<TicketRow, 'id' | 'number'>,
      input: { body: string; internal: boolean; uploads: Upload[] },
      { notify = true } = {},
    ): Promise<CommentView> {
      const event = notify ? notifications.commentAdded(actor, input) : undefined;
      return writeCommentRow(tx, actor, ticket, input, { event });
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
    ) =>
      writeCommentRow(tx, contact, ticket, { body, internal: false, uploads: [] }, { author: 'assistant' }),

    writeUpdate,

    writeStatus: (tx: Db, actor: Actor, current: TicketRow, status: string) =>
      writeUpdate(tx, actor, current, { status }),
  };
}

export type TicketWrites = ReturnType<typeof createTicketWrites>;

/** A ticket to open, who opens it and the mail event it causes (its id chosen by the server). */
type TicketToOpen = { id: string; actor: Actor; values: NewTicket; event: TicketEvent | undefined };

/** What changes the text of the statement that opens tickets: the keys given, and whether an event goes with them. */
type TicketBatchShape = { keys: (keyof NewTicket)[]; withEvent: boolean };

/** A batch row's fields beside the ticket's own: those of its audit row and of its mail event. */
const BESIDE_THE_TICKET = {
  actor_type: 'text',
  actor_id: 'uuid',
  ip: 'inet',
  details: 'jsonb',
  event_kind: 'text',
  event_actor: 'jsonb',
};

const ticketBatch = preparedPerShape(
  'ticket_batch',
  (tx: Db, { keys, withEvent }: TicketBatchShape, name) =>
    prepareTicketBatch(tx, name, keys, BESIDE_THE_TICKET, (source) => [
      auditFrom(source, {
        actorType: sql`input.actor_type`,
        actorId: sql`input.actor_id`,
        ip: sql`input.ip`,
        action: 'ticket.created',
        targetType: 'ticket',
        targetId: sql`inserted.id::text`,
        // Only the number is the database's to choose.
        details: sql`input.details || jsonb_build_object('number', inserted.number)`,
      }),
      ...(withEvent
        ? [
            mailEventFrom(source, sql`inserted.id`, {
              kind: sql`input.event_kind`,
              actor: sql`input.event_actor`,
            }),
          ]
        : []),
    ]),
  ({ keys, withEvent }) => `${keys.join(',')}${withEvent ? '+event' : ''}`,
);

const shapeOf = (ticket: TicketToOpen): TicketBatchShape => ({
  keys: (Object.keys(ticket.values) as (keyof NewTicket)[])
    .filter((key) => ticket.values[key] !== undefined)
    .sort(),
  withEvent: ticket.event !== undefined,
});

type TicketGroup = { shape: TicketBatchShape; tickets: TicketToOpen[] };

function groupByShape(batch: TicketToOpen[]): TicketGroup[] {
  const groups = new Map<string, TicketGroup>();
  for (const ticket of batch) {
    const shape = shapeOf(ticket);
    const key = JSON.stringify(shape);
    const group = groups.get(key) ?? { shape, tickets: [] };
    group.tickets.push(ticket);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Tickets of one shape with their audit rows and mail events: one statement. */
function insertGroup(tx: Db, { shape, tickets }: TicketGroup): Promise<TicketRow[]> {
  return ticketBatch(tx, shape).execute({ rows: JSON.stringify(tickets.map(batchRow)) });
}

async function insertOne(tx: Db, ticket: TicketToOpen): Promise<TicketRow> {
  const [row] = await insertGroup(tx, { shape: shapeOf(ticket), tickets: [ticket] });
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A ticket as a row of the batch's JSON: its columns by their database names, and the rest. */
function batchRow({ id, actor, values, event }: TicketToOpen): Record<string, unknown> {
  const { actorType, actorId, ip } = auditActor(actor);
  return {
    ...ticketColumnValues(values),
    id,
    actor_type: actorType,
    actor_id: actorId,
    ip,
    details: {
      customerId: values.customerId ?? null,
      source: values.source,
      ...(values.followUpOfId ? { followUpOf: values.followUpOfId } : {}),
    },
    event_kind: event?.kind ?? null,
    event_actor: event?.actor ?? null,
  };
}

/** What changes the text of the statement that writes a comment: whether a mail event goes with it. */
type CommentShape = { withEvent: boolean };

const commentWrite = preparedPerShape('comment_write', (tx: Db, { withEvent }: CommentShape, name) =>
  prepareCommentWrite(tx, name, (comment) => [
    touchTicketFrom(sql`(select ticket_id from ${comment})`),
    auditFrom(comment, {
      actorType: sql.placeholder('actorType'),
      actorId: sql.placeholder('actorId'),
      ip: sql.placeholder('ip'),
      action: sql.placeholder('action'),
      targetType: 'ticket',
      targetId: sql`${comment}.ticket_id::text`,
      details: sql`${sql.placeholder('details')}::jsonb || jsonb_build_object('commentId', ${comment}.id)`,
    }),
    ...(withEvent
      ? [
          mailEventFrom(comment, sql`${comment}.ticket_id`, {
            kind: sql.placeholder('eventKind'),
            actor: sql.placeholder('eventActor'),
            details: sql.placeholder('eventDetails'),
          }),
        ]
      : []),
  ]),
);

/**
 * A reply or an internal note with its files, its audit row and the mail event it causes (if any);
 * the ticket's updatedAt moves with it. One statement.
 */
function writeCommentRow(
  tx: Db,
  actor: Actor,
  ticket: Pick<TicketRow, 'id' | 'number'>,
  input: { body: string; internal: boolean; uploads: Upload[] },
  { author = actor.kind, event }: { author?: Actor['kind'] | 'assistant'; event?: TicketEvent } = {},
): Promise<CommentView> {
  const { actorType, actorId, ip } = auditActor(actor);
  return runCommentWrite(
    commentWrite(tx, { withEvent: event !== undefined }),
    {
      ticketId: ticket.id,
      authorType: author,
      authorId: author === actor.kind ? actor.id : null,
      body: input.body,
      internal: input.internal,
      files: input.uploads.map((file) => ({
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        storageKey: file.storageKey,
        sha256: file.sha256,
        uploadedByType: actor.kind,
        uploadedById: actor.id,
      })),
    },
    {
      actorType,
      actorId,
      ip,
      action: input.internal ? 'ticket.internal_note_added' : 'ticket.replied',
      details: JSON.stringify({ number: ticket.number, attachments: input.uploads.length }),
      eventKind: event?.kind,
      eventActor: event?.actor,
      eventDetails: event?.details,
    },
  );
}
