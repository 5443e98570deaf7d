import { DEFAULT_FIELDS, type PortalSettings } from '@atrium/shared';
import type { ContactActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { CustomFieldRow } from '../custom-fields/custom-fields.repo';
import type { TicketStatusRow } from '../statuses/statuses.repo';
import type { ContactTicketScope, TicketRow } from '../tickets/tickets.repo';

/**
 * SPEC §3 rules for a contact and a ticket, one function per rule. Every portal ticket route goes
 * through these; the portal UI only mirrors them.
 */

/** Rule: primary contacts may look at the whole company; others (and `mine`) at their own tickets only. */
export function ticketScope(
  contact: ContactActor,
  settings: PortalSettings,
  requested: 'mine' | 'company' = 'mine',
): ContactTicketScope {
  // A contact without a customer has no company: "primary" there would mean every unassigned ticket.
  const company = requested === 'company' && contact.isPrimary && contact.customerId !== null;
  return {
    customerId: contact.customerId,
    ...(company ? {} : { contactId: contact.id }),
    visibleStatuses: settings.visibleStatuses,
  };
}

/**
 * Rule: a contact hears of a ticket's status only when the status field is not hidden and the status
 * is one contacts may see (SPEC §3.6, §3.9). The status mail asks here.
 */
export function showsStatus(settings: PortalSettings, status: string): boolean {
  return settings.fieldVisibility.status !== 'hidden' && settings.visibleStatuses.includes(status);
}

/**
 * The statuses a list is filtered by. With the status field hidden the filter is ignored: telling
 * tickets apart by status would reveal it. A status contacts may not see matches nothing, as the
 * scope leaves those tickets out, so asking for one answers like asking for an unused one.
 */
export function statusFilter(
  settings: PortalSettings,
  requested: string[] | undefined,
): string[] | undefined {
  return settings.fieldVisibility.status === 'hidden' ? undefined : requested;
}

/** Reading a single ticket: a primary contact may open any of the company's. */
export const readScope = (contact: ContactActor, settings: PortalSettings) =>
  ticketScope(contact, settings, 'company');

export type TicketPermissions = { reply: boolean; edit: boolean; reopen: boolean; resolve: boolean };

/**
 * Rule: billed tickets are read-only, but a reply still goes through: it opens a follow-up ticket,
 * the contact's way on once the work was invoiced. Finished tickets reopen only when the setting
 * allows it.
 */
export function ticketPermissions(
  settings: PortalSettings,
  ticket: Pick<TicketRow, 'billed'>,
  status: Pick<TicketStatusRow, 'closed'> | undefined,
): TicketPermissions {
  if (ticket.billed) return { reply: true, edit: false, reopen: false, resolve: false };
  const finished = status?.closed ?? false;
  return {
    // A reply to a finished ticket that may not reopen still goes through: it opens a follow-up ticket.
    reply: true,
    edit: true,
    reopen: finished && !settings.ticketsCannotBeReopened,
    resolve: !finished,
  };
}

export function assertNotBilled(ticket: Pick<TicketRow, 'billed'>): void {
  if (ticket.billed) throw new AppError('ticket_billed');
}

/** Rule: contacts write only the default fields set to `edit`, and the custom fields set to `edit`. */
export function writableDefaultFields(settings: PortalSettings): Set<string> {
  return new Set(DEFAULT_FIELDS.filter((field) => settings.fieldVisibility[field] === 'edit'));
}

export function portalCustomFields(definitions: CustomFieldRow[]): CustomFieldRow[] {
  return definitions.filter((definition) => definition.portalVisibility === 'edit');
}

/** Names the fields of a portal write that the settings do not let contacts change. */
export function assertWritable(settings: PortalSettings, input: Record<string, unknown>): void {
  const writable = writableDefaultFields(settings);
  const refused = DEFAULT_FIELDS.filter((field) => input[field] !== undefined && !writable.has(field));
  if (refused.length > 0) {
    throw new AppError(
      'rule_refused',
      `You cannot change ${refused.join(', ')} here.`,
      refused.map((field) => ({ path: `body.${field}`, message: 'cannot be changed in the portal' })),
    );
  }
}
