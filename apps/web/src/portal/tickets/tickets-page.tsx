import type { PortalMe } from '@atrium/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useLoad } from '../../lib/use-load';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { portalApi } from '../api';
import { LoadState } from '../common/load-state';
import { SearchBox } from '../common/search-box';
import { useValueLabels } from './labels';
import {
  ACTIVE,
  ALL,
  PAGE_SIZE,
  readFilters,
  type TicketFilters,
  toApiQuery,
  writeFilters,
} from './list-query';
import { TicketList } from './ticket-list';

type TicketsPageProps = { me: PortalMe };

export function TicketsPage({ me }: TicketsPageProps) {
  const { t } = useTranslation('portal');
  const labels = useValueLabels();
  const navigate = useNavigate();
  const statusId = useId();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params, me.contact.isPrimary);
  const key = writeFilters(filters).toString();
  const statuses = me.statuses.map((status) => status.name);
  const active = me.statuses.filter((status) => !status.closed).map((status) => status.name);
  const list = useLoad(`tickets?${key}`, (signal) =>
    portalApi.listTickets(toApiQuery(filters, active), signal),
  );
  const showStatus = me.fields.status !== 'hidden';

  // Typing a search replaces the history entry; choosing a filter or a page adds one.
  const apply = (next: Partial<TicketFilters>, replace = false) =>
    setParams(writeFilters({ ...filters, page: 1, ...next }), { replace });

  const items = list.data?.items ?? [];
  const isFiltered = filters.status !== ALL || filters.q.trim() !== '';

  return (
    <Page title={t('tickets.title')}>
      {me.features.newTicket && (
        <p className="portal-page-actions">
          <button type="button" className="button" onClick={() => navigate('/tickets/new')}>
            {t('tickets.newTicket')}
          </button>
        </p>
      )}
      <div className="portal-filters">
        {me.contact.isPrimary && (
          <fieldset className="portal-switch">
            <legend className="visually-hidden">{t('tickets.scopeLabel')}</legend>
            {(['mine', 'company'] as const).map((scope) => (
              <label key={scope} className="portal-switch-option">
                <input
                  type="radio"
                  name={`${statusId}-scope`}
                  value={scope}
                  checked={filters.scope === scope}
                  onChange={() => apply({ scope })}
                />
                <span>{scope === 'mine' ? t('tickets.scopeMine') : t('tickets.scopeCompany')}</span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="field portal-filter-status">
          <label htmlFor={statusId}>{t('tickets.statusFilter')}</label>
          <select
            id={statusId}
            value={filters.status}
            onChange={(event) => apply({ status: event.target.value })}
          >
            <option value={ALL}>{t('tickets.statusAll')}</option>
            <option value={ACTIVE}>{t('tickets.statusActive')}</option>
            {showStatus &&
              statuses.map((status) => (
                <option key={status} value={status}>
                  {labels.status(status)}
                </option>
              ))}
          </select>
        </div>
        <SearchBox
          label={t('common.search')}
          hint={t('tickets.searchHint')}
          value={filters.q}
          onSearch={(q) => apply({ q }, true)}
        />
      </div>

      <section aria-busy={list.isLoading}>
        <LoadState load={list} />
        {list.data && items.length === 0 && (
          <p className="portal-empty">{isFiltered ? t('tickets.noMatches') : t('tickets.empty')}</p>
        )}
        {items.length > 0 && <TicketList tickets={items} showRequester={filters.scope === 'company'} />}
        {list.data && (
          <Pagination
            size="touch"
            page={filters.page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onPage={(page) => apply({ page })}
          />
        )}
      </section>
    </Page>
  );
}
