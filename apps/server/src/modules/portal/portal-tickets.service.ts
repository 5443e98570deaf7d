import {
  listOf,
  type PortalComment,
  type PortalSettings,
  type PortalTicket,
  type PortalTicketCreate,
  type PortalTicketEvent,
  type PortalTicketListQuery,
  PortalTicketSummarySchema,
  type PortalTicketUpdate,
} from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor } from '../../lib/actor';
import { AppError, invalidField } from '../../lib/app-error';
import type { FileStore } from '../../lib/file-store';
import { encodeJson, type JsonText } from '../../lib/json-text';
import type { Upload } from '../../lib/uploads';
import { findAuditEntries } from '../audit/audit.repo';
import { validateCustomFieldValues } from '../custom-fields/custom-fields.values';
import { listTechnicians } from '../technicians/technicians.repo';
import { findAttachment, findCommentOf, listCommentViews } from '../tickets/comments.repo';
import type { TicketWrites } from '../tickets/ticket-writes';
import {
  findTicketNumber,
  findTicketViewInScope,
  listTicketSummariesInScope,
  lockTicketInScope,
  statusList,
  type TicketRow,
  type TicketSummaryView,
} from '../tickets/tickets.repo';
import { writeContactReply } from './contact-reply';
import { canOpenTicketManually, requireFeature } from './portal.policy';
import type { PortalConfig, PortalConfigSource } from './portal-config';
import {
  assertNotBilled,
  assertWritable,
  portalCustomFields,
  readScope,
  statusFilter,
  ticketPermissions,
  ticketScope,
} from './portal-tickets.policy';
import {
  type PresentableTicket,
  presentPortalComment,
  presentPortalTicket,
  presentPortalTicketEvents,
  presentPortalTicketSummary,
} from './portal-tickets.presenter';
import type { TicketListCache } from './ticket-list-cache';

const notFound = () => new AppError('not_found', 'No ticket with this id.');

/** A ticket's history shown at most: beyond this many changes the oldest ones are left out. */
const EVENTS_MAX = 500;

/** The answer of `GET /portal/api/tickets`. */
export const PORTAL_TICKET_LIST = listOf(PortalTicketSummarySchema);

export function createPortalTicketsService(
  db: Db,
  portalConfig: PortalConfigSource,
  files: FileStore,
  writes: TicketWrites,
  pages: TicketListCache,
) {
  /** The configuration of this very request: a change applies to signed-in contacts at once. */
  async function context(contact: ContactActor): Promise<PortalConfig> {
    const config = await portalConfig.get();
    requireFeature(config.settings, contact, 'ticketing');
    return config;
  }

  /** The arguments both presenters take after the row. */
  async function presentation(tx: Db, row: TicketSummaryView, config: PortalConfig) {
    const followUpNumber = row.followUpOfId ? await findTicketNumber(tx, row.followUpOfId) : undefined;
    const followUpOf =
      row.followUpOfId && followUpNumber !== undefined
        ? { id: row.followUpOfId, number: followUpNumber }
        : null;
    const permissions = ticketPermissions(config.settings, row, config.statuses.get(row.status));
    return [config.settings, config.customFields, permissions, followUpOf] as const;
  }

  async function present(tx: Db, row: PresentableTicket, config: PortalConfig) {
    return presentPortalTicket(row, ...(await presentation(tx, row, config)));
  }

  /** Loads a ticket the contact may see (404 otherwise) and locks it for the rest of the transaction. */
  async function lockVisible(
    tx: Db,
    contact: ContactActor,
    portal: PortalSettings,
    id: string,
  ): Promise<TicketRow> {
    const row = await lockTicketInScope(tx, { ids: [id] }, readScope(contact, portal));
    if (!row) throw notFound();
    return row;
  }

  async function reload(
    tx: Db,
    contact: ContactActor,
    config: PortalConfig,
    id: string,
  ): Promise<PortalTicket> {
    // After the write the ticket may have left the visible statuses; the contact still sees what they did.
    const scope = { ...readScope(contact, config.settings), visibleStatuses: [...config.statuses.keys()] };
    const row = await findTicketViewInScope(tx, id, scope);
    if (!row) throw notFound();
    return present(tx, row, config);
  }

  function checkFields(config: PortalConfig, input: PortalTicketUpdate, mode: 'create' | 'update') {
    assertWritable(config.settings, input);
    return validateCustomFieldValues(portalCustomFields(config.customFields), input.customFields ?? {}, {
      mode,
    });
  }

  async function removeUploads(uploads: Upload[]) {
    await Promise.all(uploads.map((file) => files.remove(file.storageKey)));
  }

  return {
    /** `fresh`: the client asked for no cached answer (`Cache-Control: no-cache`, e.g. a reload). */
    async list(
      contact: ContactActor,
      query: PortalTicketListQuery,
      { fresh = false } = {},
    ): Promise<JsonText> {
      const config = await context(contact);
      const scope = ticketScope(contact, config.settings, query.scope);
      const filters = { statuses: statusFilter(config.settings, statusList(query.status)), q: query.q };
      const load = async () => {
        const { items, total } = await listTicketSummariesInScope(db, scope, filters, query);
        const summaries = items.map(async (row) =>
          presentPortalTicketSummary(row, ...(await presentation(db, row, config))),
        );
        return encodeJson(PORTAL_TICKET_LIST, { items: await Promise.all(summaries), total });
      };
      return fresh ? load() : pages.page(contact, scope, filters, query, load);
    },

    async get(contact: ContactActor, id: string): Promise<PortalTicket> {
      const config = await context(contact);
      const row = await findTicketViewInScope(db, id, readScope(contact, config.settings));
      if (!row) throw notFound();
      return present(db, row, config);
    },

    /** The history contacts may see beside the thread: status, billing and technician changes. */
    async events(contact: ContactActor, id: string): Promise<{ items: PortalTicketEvent[]; total: number }> {
      const { settings } = await context(contact);
      if (!(await findTicketViewInScope(db, id, readScope(contact, settings)))) throw notFound();
      const [{ rows }, team] = await Promise.all([
        findAuditEntries(
          db,
          { action: 'ticket.updated', targetType: 'ticket', targetId: id },
          { limit: EVENTS_MAX, offset: 0 },
        ),
        listTechnicians(db),
      ]);
      const names = new Map(team.map((technician) => [technician.id, technician.name]));
      const items = presentPortalTicketEvents(rows.reverse(), settings, names);
      return { items, total: items.length };
    },

    async comments(contact: ContactActor, id: string): Promise<{ items: PortalComment[]; total: number }> {
      const { settings } = await context(contact);
      if (!(await findTicketViewInScope(db, id, readScope(contact, settings)))) throw notFound();
      const rows = await listCommentViews(db, id, { includeInternal: false });
      return { items: rows.map(presentPortalComment), total: rows.length };
    },

    async create(
      contact: ContactActor,
      input: PortalTicketCreate,
      uploads: Upload[] = [],
    ): Promise<PortalTicket> {
      const config = await context(contact);
      if (!canOpenTicketManually(config.settings, contact)) {
        throw new AppError('forbidden', 'New tickets are opened from the assistant here.');
      }
      const customFields = checkFields(config, input, 'create');
      const values = {
        title: input.title,
        description: input.description,
        customerId: contact.customerId,
        contactId: contact.id,
        ...(input.priority ? { priority: input.priority } : {}),
        ...(input.type ? { type: input.type } : {}),
        ...(input.impact ? { impact: input.impact } : {}),
        ...(input.dueDate ? { dueDate: new Date(input.dueDate) } : {}),
        customFields,
        source: 'portal' as const,
      };
      let row: TicketRow;
      try {
        row =
          uploads.length === 0
            ? await writes.openTicket(contact, values)
            : await db.transaction(async (tx) => {
                const opened = await writes.writeTicket(tx, contact, values);
                // No text of ours: the portal names a comment of files alone in the reader's language.
                await writes.writeComment(
                  tx,
                  contact,
                  opened,
                  { body: '', internal: false, uploads },
                  { notify: false },
                );
                return opened;
              });
      } catch (error) {
        await removeUploads(uploads);
        throw error;
      }
      // The new row is all there is to show: no technician yet, the contact is the caller.
      return present(db, { ...row, contactName: contact.name, technicianName: null }, config);
    },

    async update(contact: ContactActor, id: string, input: PortalTicketUpdate): Promise<PortalTicket> {
      const config = await context(contact);
      const { settings, statuses } = config;
      return db.transaction(async (tx) => {
        const current = await lockVisible(tx, contact, settings, id);
        assertNotBilled(current);
        const values = checkFields(config, input, 'update');
        const status = input.status;
        if (status !== undefined) {
          const [from, to] = [statuses.get(current.status), statuses.get(status)];
          if (!to || !settings.visibleStatuses.includes(status))
            throw invalidField('status', `there is no status "${status}"`);
          if (from?.closed && !to.closed && settings.ticketsCannotBeReopened)
            throw new AppError('reopen_not_allowed');
        }
        await writes.writeUpdate(tx, contact, current, {
          ...input,
          customFields: input.customFields ? values : undefined,
        });
        return reload(tx, contact, config, id);
      });
    },

    /**
     * A public reply. On a finished ticket it reopens it — or, when tickets may not be reopened or the
     * ticket is billed, opens a follow-up ticket that links the old one and carries the reply (SPEC §3.7).
     */
    async reply(contact: ContactActor, id: string, body: string, uploads: Upload[] = []) {
      const config = await context(contact);
      const { settings } = config;
      try {
        return await db.transaction(async (tx) => {
          const current = await lockVisible(tx, contact, settings, id);
          const { ticket, comment } = await writeContactReply(tx, writes, contact, config, current, {
            body,
            uploads,
            source: 'portal',
          });
          return {
            comment: presentPortalComment(comment),
            ticket: await reload(tx, contact, config, ticket.id),
          };
        });
      } catch (error) {
        await removeUploads(uploads);
        throw error;
      }
    },

    async reopen(contact: ContactActor, id: string): Promise<PortalTicket> {
      const config = await context(contact);
      return db.transaction(async (tx) => {
        const current = await lockVisible(tx, contact, config.settings, id);
        assertNotBilled(current);
        const status = config.statuses.get(current.status);
        if (!status?.closed) throw new AppError('rule_refused', 'This ticket is still open.');
        if (config.settings.ticketsCannotBeReopened) throw new AppError('reopen_not_allowed');
        await writes.writeStatus(tx, contact, current, 'Open');
        return reload(tx, contact, config, id);
      });
    },

    /** "Mark as resolved": the contact's problem is solved. */
    async resolve(contact: ContactActor, id: string): Promise<PortalTicket> {
      const config = await context(contact);
      return db.transaction(async (tx) => {
        const current = await lockVisible(tx, contact, config.settings, id);
        assertNotBilled(current);
        if (!config.statuses.get(current.status)?.closed) {
          await writes.writeStatus(tx, contact, current, 'Resolved');
        }
        return reload(tx, contact, config, id);
      });
    },

    /** An attachment of a public comment on a ticket the contact may see; anything else is not found. */
    async openAttachment(contact: ContactActor, id: string) {
      const { settings } = await context(contact);
      const row = await findAttachment(db, id);
      if (!row || !(await findTicketViewInScope(db, row.ticketId, readScope(contact, settings)))) {
        throw new AppError('not_found', 'No attachment with this id.');
      }
      const comment = await findCommentOf(db, row);
      if (comment?.internal) throw new AppError('not_found', 'No attachment with this id.');
      return { attachment: row, stream: files.open(row.storageKey) };
    },
  };
}

export type PortalTicketsService = ReturnType<typeof createPortalTicketsService>;
