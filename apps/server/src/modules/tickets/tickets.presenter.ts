import type { Attachment, Comment, Ticket, TicketEvent, TicketHistory } from '@atrium/shared';
import { renderMarkdown } from '../../lib/markdown';
import type { AuditLogRowWithActor } from '../audit/audit.repo';
import type { AttachmentRow, CommentView } from './comments.repo';
import type { TicketLink, TicketView } from './tickets.repo';

export function presentTicket(row: TicketView): Ticket {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    descriptionHtml: renderMarkdown(row.description),
    status: row.status,
    priority: row.priority,
    type: row.type,
    impact: row.impact,
    customer: row.customerId ? { id: row.customerId, name: row.customerName ?? '' } : null,
    contact:
      row.contactId && row.contactName
        ? { id: row.contactId, name: row.contactName, email: row.contactEmail ?? '' }
        : null,
    technician:
      row.technicianId && row.technicianName ? { id: row.technicianId, name: row.technicianName } : null,
    dueDate: row.dueDate?.toISOString() ?? null,
    source: row.source,
    customFields: row.customFields,
    billed: row.billed,
    billedAt: row.billedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `urlBase` is the download path of the audience reading it (console or portal). */
export function presentAttachment(row: AttachmentRow, urlBase: string): Attachment {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    url: `${urlBase}/${row.id}`,
    createdAt: row.createdAt.toISOString(),
  };
}

const AUTHOR_FALLBACK = {
  assistant: 'Assistant',
  system: 'Atrium',
  technician: 'Former technician',
  contact: 'Former contact',
};

export function presentComment(row: CommentView, urlBase: string): Comment {
  return {
    id: row.id,
    ticketId: row.ticketId,
    author: {
      type: row.authorType,
      id: row.authorId,
      name: row.authorName ?? AUTHOR_FALLBACK[row.authorType],
    },
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    internal: row.internal,
    attachments: row.attachments.map((file) => presentAttachment(file, urlBase)),
    createdAt: row.createdAt.toISOString(),
  };
}

/** What one audited change of a ticket recorded, field by field (see ticket-writes.ts). */
type RecordedChanges = Record<string, { from: unknown; to: unknown } | undefined>;

type Unnamed = (type: TicketEvent['author']['type']) => string;

/**
 * A ticket's audited changes of status, billing and technician, in the order given, each by its
 * author; `unnamed` names a person who no longer exists, as the audience reading it calls them.
 */
export function presentTicketEvents(
  rows: AuditLogRowWithActor[],
  technicianNames: Map<string, string>,
  unnamed: Unnamed,
): TicketEvent[] {
  return rows.flatMap((row) => {
    if (row.actorType === 'agent') return [];
    const author = { type: row.actorType, id: row.actorId, name: row.actorName ?? unnamed(row.actorType) };
    const changes = (row.details as { changes?: RecordedChanges }).changes ?? {};
    const event = (field: string, change: TicketEvent['change']): TicketEvent => ({
      id: `${row.id}:${field}`,
      author,
      change,
      createdAt: row.at.toISOString(),
    });
    const events: TicketEvent[] = [];
    const status = changes.status?.to;
    if (typeof status === 'string') events.push(event('status', { field: 'status', status }));
    const billed = changes.billed?.to;
    if (typeof billed === 'boolean') events.push(event('billed', { field: 'billed', billed }));
    const technician = changes.technicianId;
    if (technician) {
      const id = typeof technician.to === 'string' ? technician.to : null;
      const assigned = id ? { id, name: technicianNames.get(id) ?? unnamed('technician') } : null;
      events.push(event('technician', { field: 'technician', technician: assigned }));
    }
    return events;
  });
}

/** The console's view of a ticket's links and changes; people who no longer exist named as in its threads. */
export function presentTicketHistory(
  links: { followUpOf: TicketLink | undefined; followUps: TicketLink[] },
  rows: AuditLogRowWithActor[],
  technicianNames: Map<string, string>,
): TicketHistory {
  return {
    followUpOf: links.followUpOf ?? null,
    followUps: links.followUps,
    events: presentTicketEvents(rows, technicianNames, (type) => AUTHOR_FALLBACK[type]),
  };
}
