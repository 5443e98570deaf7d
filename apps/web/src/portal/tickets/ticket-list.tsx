import type { PortalTicketSummary } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { statusTone, useValueLabels } from './labels';

type TicketListProps = {
  tickets: readonly PortalTicketSummary[];
  /** The company's tickets: who asked is worth saying. */
  showRequester?: boolean;
};

/** Tickets as rows: number, title (the link), status, last update and, for the company, the requester. */
export function TicketList({ tickets, showRequester = false }: TicketListProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const labels = useValueLabels();
  return (
    <ul className="portal-rows">
      {tickets.map((ticket) => (
        <li key={ticket.id} className="portal-row">
          <div className="portal-row-title">
            <span className="portal-ticket-number">{t('tickets.number', { number: ticket.number })}</span>{' '}
            <Link to={`/tickets/${ticket.id}`} className="portal-row-link">
              {ticket.title}
            </Link>
          </div>
          <p className="portal-row-meta">
            {ticket.status !== undefined && (
              <StatusBadge status={ticket.status} label={labels.status(ticket.status)} />
            )}
            <span>
              {t('tickets.updated', {
                date: format.date(ticket.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }),
              })}
            </span>
            {showRequester && ticket.contact && (
              <span>{t('tickets.requester', { name: ticket.contact.name })}</span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`portal-badge portal-badge-${statusTone(status)}`}>{label}</span>;
}
