import type {
  PortalComment,
  PortalSettings,
  PortalTicket,
  PortalTicketEvent,
  PortalTicketSummary,
} from '@atrium/shared';
import { renderMarkdown } from '../../lib/markdown';
import type { AuditLogRowWithActor } from '../audit/audit.repo';
import type { CustomFieldRow } from '../custom-fields/custom-fields.repo';
import type { CommentView } from '../tickets/comments.repo';
import { presentTicketEvents } from '../tickets/tickets.presenter';
import type { TicketRow, TicketSummaryView } from '../tickets/tickets.repo';
import { showsStatus, type TicketPermissions } from './portal-tickets.policy';

/** Where contacts download attachments. */
export const PORTAL_ATTACHMENTS = '/portal/api/attachments';

/** What presenting a full ticket needs: a just-inserted row plus the two names is enough. */
export type PresentableTicket = TicketSummaryView & Pick<TicketRow, 'description'>;

/**
 * A ticket as a contact may see it in a list: hidden default fields are left out entirely, custom
 * fields only when their portal visibility is `edit`, and nothing technicians keep to themselves.
 */
export function presentPortalTicketSummary(
  row: TicketSummaryView,
  settings: PortalSettings,
  customFields: CustomFieldRow[],
  permissions: TicketPermissions,
  followUpOf: { id: string; number: number } | null,
): PortalTicketSummary {
  const shown = (field: keyof PortalSettings['fieldVisibility']) =>
    settings.fieldVisibility[field] !== 'hidden';
  const visibleKeys = new Set(customFields.filter((f) => f.portalVisibility === 'edit').map((f) => f.key));
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    ...(shown('status') ? { status: row.status } : {}),
    ...(shown('priority') ? { priority: row.priority } : {}),
    ...(shown('type') ? { type: row.type } : {}),
    ...(shown('impact') ? { impact: row.impact } : {}),
    ...(shown('technician')
      ? {
          technician:
            row.technicianId && row.technicianName
              ? { id: row.technicianId, name: row.technicianName }
              : null,
        }
      : {}),
    ...(shown('dueDate') ? { dueDate: row.dueDate?.toISOString() ?? null } : {}),
    customFields: Object.fromEntries(
      Object.entries(row.customFields).filter(([key]) => visibleKeys.has(key)),
    ),
    billed: row.billed,
    contact: row.contactId && row.contactName ? { id: row.contactId, name: row.contactName } : null,
    followUpOf,
    permissions,
    readOnlyReason: row.billed ? 'billed' : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One ticket, opened: the summary plus its description, also rendered. */
export function presentPortalTicket(
  row: PresentableTicket,
  settings: PortalSettings,
  customFields: CustomFieldRow[],
  permissions: TicketPermissions,
  followUpOf: { id: string; number: number } | null,
): PortalTicket {
  return {
    ...presentPortalTicketSummary(row, settings, customFields, permissions, followUpOf),
    description: row.description,
    descriptionHtml: renderMarkdown(row.description),
  };
}

/** A public comment; internal notes never reach this function (the query leaves them out). */
export function presentPortalComment(row: CommentView): PortalComment {
  const fallback =
    row.authorType === 'technician' ? 'Support' : row.authorType === 'assistant' ? 'Assistant' : 'Atrium';
  return {
    id: row.id,
    author: { type: row.authorType, name: row.authorName ?? fallback },
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    attachments: row.attachments.map((file) => ({
      id: file.id,
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
      url: `${PORTAL_ATTACHMENTS}/${file.id}`,
    })),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A ticket's audited changes as the contact may see them, oldest first: a new status only when the
 * portal shows that status, the technician only when the portal shows who has the ticket, and
 * billing always (the ticket says it is billed). Who made each change is its author, by name.
 */
export function presentPortalTicketEvents(
  rows: AuditLogRowWithActor[],
  settings: PortalSettings,
  technicianNames: Map<string, string>,
): PortalTicketEvent[] {
  const showsTechnician = settings.fieldVisibility.technician !== 'hidden';
  const unnamed = (type: string) => (type === 'contact' ? 'Contact' : 'Support');
  return presentTicketEvents(rows, technicianNames, unnamed).flatMap(({ author, ...event }) => {
    const { change } = event;
    if (change.field === 'status' && !showsStatus(settings, change.status)) return [];
    if (change.field === 'technician' && !showsTechnician) return [];
    // Contacts get no ids of the people who act on their tickets.
    return [{ ...event, author: { type: author.type, name: author.name } }];
  });
}
