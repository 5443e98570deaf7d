import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/load-state';
import { DataTable } from '../../ui/table';
import { ticketsApi } from './api';
import { PriorityBadge, StatusBadge } from './ticket-badges';

type RecentTicketsProps = {
  /** Whose tickets: a customer's or a contact's. */
  filter: { customerId: string } | { contactId: string };
  title: string;
  emptyText: string;
};

const RECENT = 10;

/** The latest tickets of a customer or a contact, on their pages. */
export function RecentTickets({ filter, title, emptyText }: RecentTicketsProps) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const key = 'customerId' in filter ? filter.customerId : filter.contactId;
  const tickets = useLoad(`tickets:${key}`, (signal) =>
    ticketsApi.list({ ...filter, pageSize: RECENT, sort: 'updatedAt', order: 'desc' }, signal),
  );
  const headingId = `recent-tickets-${key}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>{title}</h2>
        {'customerId' in filter ? (
          <Link to={`/tickets?customerId=${filter.customerId}`} className="button button-quiet button-small">
            {t('customers.allTickets')}
          </Link>
        ) : (
          tickets.data &&
          tickets.data.total > tickets.data.items.length && (
            <span className="muted">
              {t('contacts.ofTotal', { total: format.number(tickets.data.total) })}
            </span>
          )
        )}
      </div>
      <LoadState load={tickets} />
      {tickets.data &&
        (tickets.data.items.length === 0 ? (
          <p className="muted">{emptyText}</p>
        ) : (
          <DataTable caption={title}>
            <thead>
              <tr>
                <th scope="col">{t('queue.columns.number')}</th>
                <th scope="col">{t('queue.columns.title')}</th>
                <th scope="col">{t('queue.columns.status')}</th>
                <th scope="col">{t('queue.columns.priority')}</th>
                <th scope="col">{t('queue.columns.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.data.items.map((ticket) => (
                <tr key={ticket.id}>
                  <td className="cell-number">#{ticket.number}</td>
                  <td>
                    <Link to={`/tickets/${ticket.id}`}>{ticket.title}</Link>
                  </td>
                  <td>
                    <StatusBadge status={ticket.status} />
                  </td>
                  <td>
                    <PriorityBadge priority={ticket.priority} />
                  </td>
                  <td className="cell-date">{format.date(ticket.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ))}
    </section>
  );
}
