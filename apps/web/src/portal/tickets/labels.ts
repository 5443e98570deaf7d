import type { DEFAULT_STATUSES, TICKET_IMPACTS, TICKET_PRIORITIES, TICKET_TYPES } from '@atrium/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Translation keys of the built-in values; what the server sends stays the value itself. */
const STATUS_KEYS = {
  Open: 'open',
  Pending: 'pending',
  Resolved: 'resolved',
  Closed: 'closed',
} as const satisfies Record<(typeof DEFAULT_STATUSES)[number], string>;

const PRIORITY_KEYS = {
  Low: 'low',
  Medium: 'medium',
  High: 'high',
  Critical: 'critical',
} as const satisfies Record<(typeof TICKET_PRIORITIES)[number], string>;

const TYPE_KEYS = {
  Problem: 'problem',
  Incident: 'incident',
  Request: 'request',
  Question: 'question',
  Change: 'change',
  Other: 'other',
} as const satisfies Record<(typeof TICKET_TYPES)[number], string>;

const IMPACT_KEYS = {
  None: 'none',
  Minor: 'minor',
  Major: 'major',
  'Site down': 'siteDown',
  Crisis: 'crisis',
} as const satisfies Record<(typeof TICKET_IMPACTS)[number], string>;

function keyOf<K extends string>(keys: Record<string, K>, value: string): K | undefined {
  return Object.hasOwn(keys, value) ? keys[value] : undefined;
}

export type ValueLabels = {
  status: (value: string) => string;
  priority: (value: string) => string;
  type: (value: string) => string;
  impact: (value: string) => string;
};

/**
 * Ticket statuses, priorities, types and impacts in the contact's language. A status an admin added
 * has no translation: its name is shown as the admin wrote it.
 */
export function useValueLabels(): ValueLabels {
  const { t } = useTranslation('portal');
  const status = useCallback(
    (value: string) => {
      const key = keyOf(STATUS_KEYS, value);
      return key ? t(`values.status.${key}`) : value;
    },
    [t],
  );
  const priority = useCallback(
    (value: string) => {
      const key = keyOf(PRIORITY_KEYS, value);
      return key ? t(`values.priority.${key}`) : value;
    },
    [t],
  );
  const type = useCallback(
    (value: string) => {
      const key = keyOf(TYPE_KEYS, value);
      return key ? t(`values.type.${key}`) : value;
    },
    [t],
  );
  const impact = useCallback(
    (value: string) => {
      const key = keyOf(IMPACT_KEYS, value);
      return key ? t(`values.impact.${key}`) : value;
    },
    [t],
  );
  return { status, priority, type, impact };
}

/** A status as a small badge; finished ones look quieter. */
export function statusTone(status: string): 'open' | 'pending' | 'done' | 'other' {
  if (status === 'Open') return 'open';
  if (status === 'Pending') return 'pending';
  if (status === 'Resolved' || status === 'Closed') return 'done';
  return 'other';
}
