import type {
  Comment,
  Ticket,
  TicketCreate,
  TicketHistory,
  TicketListQuery,
  TicketUpdate,
} from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError, invalidField } from '../../lib/app-error';
import type { FileStore } from '../../lib/file-store';
import type { Upload } from '../../lib/uploads';
import { findAuditEntries } from '../audit/audit.repo';
import { findContactById } from '../contacts/contacts.repo';
import { findCustomFieldDefinitions } from '../custom-fields/custom-fields.repo';
import { validateCustomFieldValues } from '../custom-fields/custom-fields.values';
import { findCustomerById } from '../customers/customers.repo';
import { findStatus } from '../statuses/statuses.repo';
import { findTechnicianById, listTechnicians } from '../technicians/technicians.repo';
import { findAttachment, listCommentViews } from './comments.repo';
import type { TicketWrites } from './ticket-writes';
import { presentComment, presentTicket, presentTicketHistory } from './tickets.presenter';
import { findFollowUpLinks, findTicketView, listTicketViews, lockTicket, statusList } from './tickets.repo';

/** Where technicians download attachments. */
export const CONSOLE_ATTACHMENTS = '/api/v1/attachments';

/** A ticket's history shows at most this many changes (a ticket changes a handful of times). */
const HISTORY_MAX = 500;

export function createTicketsService(db: Db, files: FileStore, writes: TicketWrites) {
  async function getOrThrow(tx: Db, id: string): Promise<Ticket> {
    const row = await findTicketView(tx, id);
    if (!row) throw new AppError('not_found', 'No ticket with this id.');
    return presentTicket(row);
  }

  /** References in a body must exist (and a contact must belong to the ticket's customer): 400, naming the field. */
  async function checkReferences(
    tx: Db,
    customerId: string | null,
    input: { contactId?: string | null; technicianId?: string | null; status?: string },
  ) {
    if (input.contactId) {
      const contact = await findContactById(tx, input.contactId);
      if (!contact || contact.customerId !== customerId) {
        throw invalidField('contactId', 'no contact of this customer has this id');
      }
    }
    if (input.technicianId && !(await findTechnicianById(tx, input.technicianId))) {
      throw invalidField('technicianId', 'no technician has this id');
    }
    if (input.status && !(await findStatus(tx, input.status))) {
      throw invalidField('status', `there is no status "${input.status}"`);
    }
  }

  return {
    get: (_actor: TechnicianActor, id: string) => getOrThrow(db, id),

    async list(_actor: TechnicianActor, query: TicketListQuery) {
      const statuses = statusList(query.status);
      const { items, total } = await listTicketViews(
        db,
        { ...query, statuses },
        { sort: query.sort, order: query.order },
        { page: query.page, pageSize: query.pageSize },
      );
      return { items: items.map(presentTicket), total };
    },

    async create(actor: TechnicianActor, input: TicketCreate): Promise<Ticket> {
      const definitions = await findCustomFieldDefinitions(db);
      const customFields = validateCustomFieldValues(definitions, input.customFields ?? {}, {
        mode: 'create',
      });
      return db.transaction(async (tx) => {
        if (!(await findCustomerById(tx, input.customerId))) {
          throw invalidField('customerId', 'no customer has this id');
        }
        await checkReferences(tx, input.customerId, input);
        const row = await writes.writeTicket(tx, actor, {
          title: input.title,
          description: input.description,
          customerId: input.customerId,
          contactId: input.contactId ?? null,
          technicianId: input.technicianId ?? null,
          ...(input.status ? { status: input.status } : {}),
          ...(input.priority ? { priority: input.priority } : {}),
          ...(input.type ? { type: input.type } : {}),
          ...(input.impact ? { impact: input.impact } : {}),
          dueDate: input.dueDate ? new Date(input.dueDate) : null,
          customFields,
          source: actor.via === 'token' ? 'api' : 'console',
        });
        return getOrThrow(tx, row.id);
      });
    },

    async update(actor: TechnicianActor, id: string, input: TicketUpdate): Promise<Ticket> {
      return db.transaction(async (tx) => {
        const current = await lockTicket(tx, id);
        if (!current) throw new AppError('not_found', 'No ticket with this id.');
        const customFieldValues = input.customFields
          ? validateCustomFieldValues(await findCustomFieldDefinitions(tx), input.customFields, {
              mode: 'update',
            })
          : undefined;
        await checkReferences(tx, current.customerId, input);
        await writes.writeUpdate(tx, actor, current, { ...input, customFields: customFieldValues });
        return getOrThrow(tx, id);
      });
    },

    async history(_actor: TechnicianActor, id: string): Promise<TicketHistory> {
      const row = await findTicketView(db, id);
      if (!row) throw new AppError('not_found', 'No ticket with this id.');
      const [links, { rows }, team] = await Promise.all([
        findFollowUpLinks(db, row),
        findAuditEntries(
          db,
          { action: 'ticket.updated', targetType: 'ticket', targetId: id },
          { limit: HISTORY_MAX, offset: 0 },
        ),
        listTechnicians(db),
      ]);
      const names = new Map(team.map((technician) => [technician.id, technician.name]));
      return presentTicketHistory(links, rows.reverse(), names);
    },

    async listComments(_actor: TechnicianActor, ticketId: string) {
      if (!(await findTicketView(db, ticketId))) throw new AppError('not_found', 'No ticket with this id.');
      const rows = await listCommentViews(db, ticketId, { includeInternal: true });
      return { items: rows.map((row) => presentComment(row, CONSOLE_ATTACHMENTS)), total: rows.length };
    },

    /** A public reply or an internal note, with its files (already stored; removed again if the write fails). */
    async addComment(
      actor: TechnicianActor,
      ticketId: string,
      input: { body: string; internal?: boolean },
      uploads: Upload[] = [],
    ): Promise<Comment> {
      try {
        return await db.transaction(async (tx) => {
          const ticket = await lockTicket(tx, ticketId);
          if (!ticket) throw new AppError('not_found', 'No ticket with this id.');
          const view = await writes.writeComment(tx, actor, ticket, {
            body: input.body,
            internal: input.internal ?? false,
            uploads,
          });
          return presentComment(view, CONSOLE_ATTACHMENTS);
        });
      } catch (error) {
        await Promise.all(uploads.map((file) => files.remove(file.storageKey)));
        throw error;
      }
    },

    /** Technicians may download every attachment; the portal has its own rule. */
    async openAttachment(_actor: TechnicianActor, id: string) {
      const row = await findAttachment(db, id);
      if (!row) throw new AppError('not_found', 'No attachment with this id.');
      return { attachment: row, stream: files.open(row.storageKey) };
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
