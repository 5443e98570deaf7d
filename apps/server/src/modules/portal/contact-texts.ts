import { DEFAULT_STATUSES, type Language } from '@atrium/shared';

type BuiltInStatus = (typeof DEFAULT_STATUSES)[number];

/**
 * The built-in statuses as the portal names them (values.status in the web app's portal.json), so a
 * status mail says what the contact reads on the ticket. They cannot be renamed; an admin's own
 * status has the one name the admin wrote.
 */
const STATUS_NAMES: Record<Language, Record<BuiltInStatus, string>> = {
  en: { Open: 'Open', Pending: 'Pending', Resolved: 'Resolved', Closed: 'Closed' },
  fr: { Open: 'Ouvert', Pending: 'En attente', Resolved: 'Résolu', Closed: 'Clôturé' },
  de: { Open: 'Offen', Pending: 'Wartend', Resolved: 'Gelöst', Closed: 'Geschlossen' },
  es: { Open: 'Abierto', Pending: 'Pendiente', Resolved: 'Resuelto', Closed: 'Cerrado' },
  it: { Open: 'Aperto', Pending: 'In attesa', Resolved: 'Risolto', Closed: 'Chiuso' },
};

const isBuiltIn = (status: string): status is BuiltInStatus =>
  (DEFAULT_STATUSES as readonly string[]).includes(status);

export function statusName(status: string, language: Language): string {
  return isBuiltIn(status) ? STATUS_NAMES[language][status] : status;
}

/**
 * The description of a follow-up ticket: the contact reads it in the portal and technicians in the
 * console (which also links the two tickets). Written once, in the contact's language.
 */
const FOLLOW_UP_DESCRIPTIONS: Record<Language, (number: number) => string> = {
  en: (number) => `Follow-up of ticket #${number}.`,
  fr: (number) => `Suite du ticket n° ${number}.`,
  de: (number) => `Folgeticket zu Ticket Nr. ${number}.`,
  es: (number) => `Continuación del ticket n.º ${number}.`,
  it: (number) => `Seguito del ticket n. ${number}.`,
};

export function followUpDescription(number: number, language: Language): string {
  return FOLLOW_UP_DESCRIPTIONS[language](number);
}
