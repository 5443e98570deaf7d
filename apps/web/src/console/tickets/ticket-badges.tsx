import type { TicketPriority } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { statusLabel } from './labels';

export function StatusBadge({ status, closed = false }: { status: string; closed?: boolean }) {
  const { t } = useTranslation('console');
  return (
    <span className={`badge badge-status ${closed ? 'is-closed' : ''}`.trim()}>{statusLabel(t, status)}</span>
  );
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation('console');
  return (
    <span className={`badge badge-priority priority-${priority.toLowerCase()}`}>
      {t(`ticket.priorities.${priority}`)}
    </span>
  );
}
