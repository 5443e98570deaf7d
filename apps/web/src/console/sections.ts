import type { Technician } from '@atrium/shared';

type Section = { path: string; label: string };

/** Console sections in menu order (SPEC §1). */
export const CONSOLE_SECTIONS = [
  { path: '/tickets', label: 'nav.tickets' },
  { path: '/customers', label: 'nav.customers' },
  { path: '/contacts', label: 'nav.contacts' },
  { path: '/kb', label: 'nav.knowledgeBase' },
  { path: '/devices', label: 'nav.devices' },
  { path: '/outbox', label: 'nav.outbox' },
] as const satisfies readonly Section[];

export const ADMIN_SECTIONS = [
  { path: '/admin/portal', label: 'nav.customerPortal' },
  { path: '/admin/software', label: 'nav.softwareCatalog' },
  { path: '/admin/custom-fields', label: 'nav.customFields' },
  { path: '/admin/statuses', label: 'nav.ticketStatuses' },
  { path: '/admin/mail-templates', label: 'nav.mailTemplates' },
  { path: '/admin/inbound-mail', label: 'nav.inboundMail' },
  { path: '/admin/sms-outbox', label: 'nav.smsOutbox' },
  { path: '/admin/technicians', label: 'nav.technicians' },
  { path: '/admin/audit', label: 'nav.auditLog' },
] as const satisfies readonly Section[];

/** The server enforces this on every admin route; the console only hides what would be refused. */
export function canAdminister(technician: Technician): boolean {
  return technician.role === 'admin';
}
