import type { Attachment, Comment, Ticket } from '@atrium/shared';
import { renderMarkdown } from '../../lib/markdown';
import type { AttachmentRow, CommentView } from './comments.repo';
import type { TicketView } from './tickets.repo';

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
