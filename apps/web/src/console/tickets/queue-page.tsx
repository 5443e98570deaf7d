import { PAGE_SIZE_DEFAULT, type Ticket } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../lib/store';
import { useCached, useLoad } from '../../lib/use-load';
import { Field } from '../../ui/field';
import { FilterBar } from '../../ui/filter-bar';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { SearchInput } from '../../ui/search-input';
import { DataTable, Empty } from '../../ui/table';
import { CustomerSelect } from '../customers/customer-select';
import { consoleSession } from '../session';
import { statusesCache } from '../statuses/api';
import { assigneesCache } from '../technicians/api';
import { ticketsApi } from './api';
import { priorityOptions } from './labels';
import { type QueueFilters, type TicketSort, toApiQuery, viewKey } from './queue-query';
import { SavedViews } from './saved-views-bar';
import { StatusFilter } from './status-filter';
import { PriorityBadge, StatusBadge } from './ticket-badges';
import { useQueueFilters } from './use-queue-filters';

export function QueuePage() {
  const { t } = useTranslation('console');
  const me = useStore(consoleSession);
  const meId = me?.id ?? '';
  const { filters, update } = useQueueFilters();
  const key = `${viewKey(filters)}&page=${filters.page}`;
  const tickets = useLoad(key, (signal) =>
    ticketsApi.list(toApiQuery(filters, meId, PAGE_SIZE_DEFAULT), signal),
  );
  const statuses = useCached(statusesCache);

  return (
    <Page
      title={t('queue.title')}
      className="queue-page"
      actions={
        <Link to="/tickets/new" className="button">
          {t('queue.newTicket')}
        </Link>
      }
    >
      <SavedViews statuses={statuses.data ?? []} filters={filters} technicianId={meId} />
      <QueueFilterBar filters={filters} update={update} />
      <LoadState load={tickets} />
      {tickets.data && (
        <>
          <TicketTable
            tickets={tickets.data.items}
            filters={filters}
            onSort={(sort, order) => update({ sort, order })}
            isLoading={tickets.isLoading}
            closedStatuses={new Set((statuses.data ?? []).filter((s) => s.closed).map((s) => s.name))}
          />
          <Pagination
            page={filters.page}
            pageSize={PAGE_SIZE_DEFAULT}
            total={tickets.data.total}
            onPage={(page) => update({ page })}
          />
        </>
      )}
    </Page>
  );
}

type FilterBarProps = {
  filters: QueueFilters;
  update: (patch: Partial<QueueFilters>, options?: { replace?: boolean }) => void;
};

function QueueFilterBar({ filters, update }: FilterBarProps) {
  const { t } = useTranslation('console');
  const statuses = useCached(statusesCache);
  const assignees = useCached(assigneesCache);
  const hasFilters = viewKey({ ...filters, sort: 'updatedAt', order: 'desc' }) !== '';
  return (
    <FilterBar label={t('queue.filters')}>
      <SearchInput
        label={t('queue.search')}
        value={filters.q}
        onSearch={(q) => update({ q }, { replace: true })}
        slashShortcut
        hint={t('queue.searchHint')}
        className="filter-grow"
      />
      <StatusFilter
        statuses={statuses.data ?? []}
        value={filters.status}
        onChange={(status) => update({ status })}
      />
      <Field label={t('queue.priority')}>
        {(control) => (
          <select
            {...control}
            value={filters.priority}
            onChange={(event) => update({ priority: event.target.value as QueueFilters['priority'] })}
          >
            <option value="">{t('queue.anyPriority')}</option>
            {priorityOptions(t).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('queue.technician')}>
        {(control) => (
          <select
            {...control}
            value={filters.technician}
            onChange={(event) => update({ technician: event.target.value })}
          >
            <option value="">{t('queue.anyone')}</option>
            <option value="me">{t('queue.mine')}</option>
            <option value="none">{t('queue.unassigned')}</option>
            {(assignees.data ?? []).map((technician) => (
              <option key={technician.id} value={technician.id}>
                {technician.name}
              </option>
            ))}
            {filters.technician &&
              !['me', 'none'].includes(filters.technician) &&
              !(assignees.data ?? []).some((technician) => technician.id === filters.technician) && (
                <option value={filters.technician}>{t('queue.someTechnician')}</option>
              )}
          </select>
        )}
      </Field>
      <CustomerSelect
        label={t('queue.customer')}
        emptyLabel={t('queue.allCustomers')}
        value={filters.customerId}
        onChange={(customerId) => update({ customerId })}
      />
      {hasFilters && (
        <button
          type="button"
          className="button button-quiet filters-clear"
          onClick={() => update({ status: [], priority: '', technician: '', customerId: '', q: '' })}
        >
          {t('queue.clearFilters')}
        </button>
      )}
    </FilterBar>
  );
}

type TicketTableProps = {
  tickets: readonly Ticket[];
  filters: QueueFilters;
  onSort: (sort: TicketSort, order: 'asc' | 'desc') => void;
  isLoading: boolean;
  closedStatuses: ReadonlySet<string>;
};

function TicketTable({ tickets, filters, onSort, isLoading, closedStatuses }: TicketTableProps) {
  const { t } = useTranslation('console');
  const format = useFormat();
  if (tickets.length === 0) {
    return <p className="empty">{t('queue.empty')}</p>;
  }
  const sortHeader = (sort: TicketSort, label: string) => {
    const isSorted = filters.sort === sort;
    const next = isSorted && filters.order === 'desc' ? 'asc' : 'desc';
    return (
      <th
        scope="col"
        aria-sort={isSorted ? (filters.order === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <button type="button" className="sort-button" onClick={() => onSort(sort, next)}>
          {label}
          <span aria-hidden="true" className="sort-arrow">
            {isSorted ? (filters.order === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      </th>
    );
  };
  return (
    <DataTable caption={t('queue.title')} className={isLoading ? 'is-stale' : undefined}>
      <thead>
        <tr>
          {sortHeader('number', t('queue.columns.number'))}
          <th scope="col">{t('queue.columns.title')}</th>
          <th scope="col">{t('queue.columns.customer')}</th>
          <th scope="col">{t('queue.columns.contact')}</th>
          <th scope="col">{t('queue.columns.status')}</th>
          {sortHeader('priority', t('queue.columns.priority'))}
          <th scope="col">{t('queue.columns.technician')}</th>
          {sortHeader('updatedAt', t('queue.columns.updated'))}
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => (
          <tr key={ticket.id}>
            <td className="cell-number">
              <Link
                to={`/tickets/${ticket.id}`}
                aria-label={t('queue.ticketNumber', { number: ticket.number })}
              >
                #{ticket.number}
              </Link>
            </td>
            <td className="cell-title">
              <Link to={`/tickets/${ticket.id}`}>{ticket.title}</Link>
            </td>
            <td>
              {ticket.customer ? (
                <Link to={`/customers/${ticket.customer.id}`} className="quiet-link">
                  {ticket.customer.name}
                </Link>
              ) : (
                <Empty />
              )}
            </td>
            <td>{ticket.contact?.name ?? <Empty />}</td>
            <td>
              <StatusBadge status={ticket.status} closed={closedStatuses.has(ticket.status)} />
            </td>
            <td>
              <PriorityBadge priority={ticket.priority} />
            </td>
            <td>{ticket.technician?.name ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
            <td className="cell-date">
              <time
                dateTime={ticket.updatedAt}
                title={format.date(ticket.updatedAt, { dateStyle: 'full', timeStyle: 'short' })}
              >
                {format.date(ticket.updatedAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
