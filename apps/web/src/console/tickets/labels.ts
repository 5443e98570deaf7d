import { DEFAULT_STATUSES, TICKET_IMPACTS, TICKET_PRIORITIES, TICKET_TYPES } from '@atrium/shared';
import type { TFunction } from 'i18next';
import type { Option } from '../../ui/field';

type ConsoleT = TFunction<'console'>;

export const priorityOptions = (t: ConsoleT): Option[] =>
  TICKET_PRIORITIES.map((value) => ({ value, label: t(`ticket.priorities.${value}`) }));

export const typeOptions = (t: ConsoleT): Option[] =>
  TICKET_TYPES.map((value) => ({ value, label: t(`ticket.types.${value}`) }));

export const impactOptions = (t: ConsoleT): Option[] =>
  TICKET_IMPACTS.map((value) => ({ value, label: t(`ticket.impacts.${value}`) }));

/**
 * A built-in status in the technician's language (admins cannot rename those); a status an admin
 * added is shown as they wrote it. Filters and saves still use the stored name.
 */
export function statusLabel(t: ConsoleT, name: string): string {
  const builtin = DEFAULT_STATUSES.find((status) => status === name);
  return builtin ? t(`ticket.statuses.${builtin}`) : name;
}
