import { TICKET_IMPACTS, TICKET_PRIORITIES, TICKET_TYPES } from '@atrium/shared';
import type { TFunction } from 'i18next';
import type { Option } from '../../ui/field';

type ConsoleT = TFunction<'console'>;

export const priorityOptions = (t: ConsoleT): Option[] =>
  TICKET_PRIORITIES.map((value) => ({ value, label: t(`ticket.priorities.${value}`) }));

export const typeOptions = (t: ConsoleT): Option[] =>
  TICKET_TYPES.map((value) => ({ value, label: t(`ticket.types.${value}`) }));

export const impactOptions = (t: ConsoleT): Option[] =>
  TICKET_IMPACTS.map((value) => ({ value, label: t(`ticket.impacts.${value}`) }));
