import type {
  PortalComment,
  PortalSettings,
  PortalTicket,
  PortalTicketCreate,
  PortalTicketListQuery,
  PortalTicketUpdate,
} from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor } from '../../lib/actor';
import { AppError, invalidField } from '../../lib/app-error';
import type { FileStore } from '../../lib/file-store';
import type { Upload } from '../../lib/uploads';
import { type CustomFieldRow, findCustomFieldDefinitions } from '../custom-fields/custom-fields.repo';
import { mergeCustomFieldValues, validateCustomFieldValues } from '../custom-fields/custom-fields.values';
import type { SettingsService } from '../settings/settings.service';
import { findStatus, findStatuses } from '../statuses/statuses.repo';
import { findAttachment, findCommentOf, listCommentViews } from '../tickets/comments.repo';
import type { TicketWrites } from '../tickets/ticket-writes';
import {
  findTicketNumber,
  findTicketViewInScope,
  listTicketViewsInScope,
  lockTicket,
  statusList,
  type TicketRow,
  type TicketView,
  updateTicket,
} from '../tickets/tickets.repo';
import { writeContactReply } from './contact-reply';
import { canOpenTicketManually, requireFeature } from './portal.policy';
import {
  assertNotBilled,
  assertWritable,
  portalCustomFields,
  readScope,
  ticketPermissions,
  ticketScope,
} from './portal-tickets.policy';
import { presentPortalComment, presentPortalTicket } from './portal-tickets.presenter';

const notFound = () => new AppError('not_found', 'No ticket with this id.');

export function createPortalTicketsService(
  db: Db,
  settings: SettingsService,
  files: FileStore,
  writes: TicketWrites,
) {
  /** The settings of this very request: a change applies to signed-in contacts at once. */
  async function context(contact: ContactActor) {
    const portal = await settings.portal();
    requireFeature(portal, contact, 'ticketing');
    return portal;
  }

  /** What presenting tickets needs, loaded once per request however many tickets there are. */
  async function presentation(tx: Db) {
    const [statuses, definitions] = await Promise.all([findStatuses(tx), findCustomFieldDefinitions(tx)]);
    return { statuses: new Map(statuses.map((status) => [status.name, status])), definitions };
  }

  async function present(
    tx: Db,
    row: TicketView,
    portal: PortalSettings,
    loaded?: Awaited<ReturnType<typeof presentation>>,
  ) {
    const { statuses, definitions } = loaded ?? (await presentation(tx));
    const followUpNumber = row.followUpOfId ? await findTicketNumber(tx, row.followUpOfId) : undefined;
    const followUpOf =
      row.followUpOfId && followUpNumber !== undefined
        ? { id: row.followUpOfId, number: followUpNumber }
        : null;
    const permissions = ticketPermissions(portal, row, statuses.get(row.status));
    return presentPortalTicket(row, portal, definitions, permissions, followUpOf);
  }

  /** Loads a ticket the contact may see (404 otherwise) and locks it for the rest of the transaction. */
  async function lockVisible(
    tx: Db,
    contact: ContactActor,
    portal: PortalSettings,
    id: string,
  ): Promise<TicketRow> {
    if (!(await findTicketViewInScope(tx, id, readScope(contact, portal)))) throw notFound();
    const row = await lockTicket(tx, id);
    if (!row) throw notFound();
    return row;
  }

  async function reload(
    tx: Db,
    contact: ContactActor,
    portal: PortalSettings,
    id: string,
  ): Promise<PortalTicket> {
    // After the write the ticket may have left the visible statuses; the contact still sees what they did.
    const loaded = await presentation(tx);
    const scope = { ...readScope(contact, portal), visibleStatuses: [...loaded.statuses.keys()] };
    const row = await findTicketViewInScope(tx, id, scope);
    if (!row) throw notFound();
    return present(tx, row, portal, loaded);
  }

  function checkFields(
    portal: PortalSettings,
    definitions: CustomFieldRow[],
    input: PortalTicketUpdate,
    mode: 'create' | 'update',
  ) {
    assertWritable(portal, input);
    return validateCustomFieldValues(portalCustomFields(definitions), input.customFields ?? {}, { mode });
  }

  async function removeUploads(uploads: Upload[]) {
    await Promise.all(uploads.map((file) => files.remove(file.storageKey)));
  }

  return {
    async list(contact: ContactActor, query: PortalTicketListQuery) {
      const portal = await context(contact);
      const statuses = statusList(query.status);
      const { items, total } = await listTicketViewsInScope(
        db,
        ticketScope(contact, portal, query.scope),
        { statuses, q: query.q },
        query,
      );
      const loaded = await presentation(db);
      return { items: await Promise.all(items.map((row) => present(db, row, portal, loaded))), total };
    },

    async get(contact: ContactActor, id: string): Promise<PortalTicket> {
      const portal = await context(contact);
      const row = await findTicketViewInScope(db, id, readScope(contact, portal));
      if (!row) throw notFound();
      return present(db, row, portal);
    },

    async comments(contact: ContactActor, id: string): Promise<{ items: PortalComment[]; total: number }> {
      const portal = await context(contact);
      if (!(await findTicketViewInScope(db, id, readScope(contact, portal)))) throw notFound();
      const rows = await listCommentViews(db, id, { includeInternal: false });
      return { items: rows.map(presentPortalComment), total: rows.length };
    },

    async create(
      contact: ContactActor,
      input: PortalTicketCreate,
      uploads: Upload[] = [],
    ): Promise<PortalTicket> {
      const portal = await context(contact);
      if (!canOpenTicketManually(portal, contact)) {
        throw new AppError('forbidden', 'New tickets are opened from the assistant here.');
      }
      try {
        return await db.transaction(async (tx) => {
          const customFields = checkFields(portal, await findCustomFieldDefinitions(tx), input, 'create');
          const row = await writes.writeTicket(tx, contact, {
            title: input.title,
            description: input.description,
            customerId: contact.customerId,
            contactId: contact.id,
            ...(input.priority ? { priority: input.priority } : {}),
            ...(input.type ? { type: input.type } : {}),
            ...(input.impact ? { impact: input.impact } : {}),
            ...(input.dueDate ? { dueDate: new Date(input.dueDate) } : {}),
            customFields,
            source: 'portal',
          });
          if (uploads.length > 0) {
            await writes.writeComment(
              tx,
              contact,
              row,
              { body: 'Attachments', internal: false, uploads },
              { notify: false },
            );
          }
          return reload(tx, contact, portal, row.id);
        });
      } catch (error) {
        await removeUploads(uploads);
        throw error;
      }
    },

    async update(contact: ContactActor, id: string, input: PortalTicketUpdate): Promise<PortalTicket> {
      const portal = await context(contact);
      return db.transaction(async (tx) => {
        const current = await lockVisible(tx, contact, portal, id);
        assertNotBilled(current);
        const values = checkFields(portal, await findCustomFieldDefinitions(tx), input, 'update');
        const status = input.status;
        if (status !== undefined) {
          const [from, to] = await Promise.all([findStatus(tx, current.status), findStatus(tx, status)]);
          if (!to || !portal.visibleStatuses.includes(status))
            throw invalidField('status', `there is no status "${status}"`);
          if (from?.closed && !to.closed && portal.ticketsCannotBeReopened)
            throw new AppError('reopen_not_allowed');
          await writes.writeStatus(tx, contact, current, status);
        }
        const { customFields: _values, status: _status, dueDate, ...plain } = input;
        const next: Partial<TicketRow> = { ...plain };
        if (dueDate !== undefined) next.dueDate = dueDate ? new Date(dueDate) : null;
        if (input.customFields) {
          next.customFields = mergeCustomFieldValues(current.customFields, values);
        }
        if (Object.keys(next).length > 0) await updateTicket(tx, id, next);
        return reload(tx, contact, portal, id);
      });
    },

    /**
     * A public reply. On a finished ticket it reopens it — or, when tickets may not be reopened, opens
     * a follow-up ticket that links the old one and carries the reply (SPEC §3.7).
     */
    async reply(contact: ContactActor, id: string, body: string, uploads: Upload[] = []) {
      const portal = await context(contact);
      try {
        return await db.transaction(async (tx) => {
          const current = await lockVisible(tx, contact, portal, id);
          assertNotBilled(current);
          const { ticket, comment } = await writeContactReply(tx, writes, contact, portal, current, {
            body,
            uploads,
            source: 'portal',
          });
          return {
            comment: presentPortalComment(comment),
            ticket: await reload(tx, contact, portal, ticket.id),
          };
        });
      } catch (error) {
        await removeUploads(uploads);
        throw error;
      }
    },

    async reopen(contact: ContactActor, id: string): Promise<PortalTicket> {
      const portal = await context(contact);
      return db.transaction(async (tx) => {
        const current = await lockVisible(tx, contact, portal, id);
        assertNotBilled(current);
        const status = await findStatus(tx, current.status);
        if (!status?.closed) throw new AppError('rule_refused', 'This ticket is still open.');
        if (portal.ticketsCannotBeReopened) throw new AppError('reopen_not_allowed');
        await writes.writeStatus(tx, contact, current, 'Open');
        return reload(tx, contact, portal, id);
      });
    },

    /** "Mark as resolved": the contact's problem is solved. */
    async resolve(contact: ContactActor, id: string): Promise<PortalTicket> {
      const portal = await context(contact);
      return db.transaction(async (tx) => {
        const current = await lockVisible(tx, contact, portal, id);
        assertNotBilled(current);
        const status = await findStatus(tx, current.status);
        if (!status?.closed) await writes.writeStatus(tx, contact, current, 'Resolved');
        return reload(tx, contact, portal, id);
      });
    },

    /** An attachment of a public comment on a ticket the contact may see; anything else is not found. */
    async openAttachment(contact: ContactActor, id: string) {
      const portal = await context(contact);
      const row = await findAttachment(db, id);
      if (!row || !(await findTicketViewInScope(db, row.ticketId, readScope(contact, portal)))) {
        throw new AppError('not_found', 'No attachment with this id.');
      }
      const comment = await findCommentOf(db, row);
      if (comment?.internal) throw new AppError('not_found', 'No attachment with this id.');
      return { attachment: row, stream: files.open(row.storageKey) };
    },
  };
}

export type PortalTicketsService = ReturnType<typeof createPortalTicketsService>;
