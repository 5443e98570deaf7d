import { AUDIT_ACTOR_TYPES, type AuditEntry, AuditQuerySchema, PAGE_SIZE_DEFAULT } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { dayEndIso, dayStartIso } from '../../lib/datetime';
import { useLoad } from '../../lib/use-load';
import { SelectField, TextField } from '../../ui/field';
import { FilterBar } from '../../ui/filter-bar';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { SearchInput } from '../../ui/search-input';
import { DataTable, Empty } from '../../ui/table';
import { pageParam, useListParams, validParam } from '../list-params';
import { auditApi } from './api';

const shape = AuditQuerySchema.shape;

export function AuditPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const { set } = useListParams();
  const filters = {
    actorType: validParam(shape.actorType, params.get('actorType')),
    action: validParam(shape.action, params.get('action')),
    targetType: validParam(shape.targetType, params.get('targetType')),
    targetId: validParam(shape.targetId, params.get('targetId')),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const page = pageParam(params);
  const entries = useLoad(`${JSON.stringify(filters)}|${page}`, (signal) =>
    auditApi.list(
      {
        actorType: filters.actorType,
        action: filters.action,
        targetType: filters.targetType,
        targetId: filters.targetId,
        // Days in the browser's time zone, both included.
        from: dayStartIso(filters.from),
        to: dayEndIso(filters.to),
        page,
        pageSize: PAGE_SIZE_DEFAULT,
      },
      signal,
    ),
  );
  const hasFilters = Object.values(filters).some((value) => value !== '');

  return (
    <Page title={t('audit.title')}>
      <FilterBar label={t('audit.filters')}>
        <SelectField
          label={t('audit.actorType')}
          value={filters.actorType}
          onChange={(event) => set({ actorType: event.target.value })}
          options={[
            { value: '', label: t('audit.anyone') },
            ...AUDIT_ACTOR_TYPES.map((value) => ({ value, label: t(`audit.actorTypes.${value}`) })),
          ]}
        />
        <SearchInput
          label={t('audit.action')}
          hint={t('audit.actionHint')}
          value={filters.action}
          onSearch={(action) => set({ action }, { replace: true })}
        />
        <SearchInput
          label={t('audit.targetType')}
          hint={t('audit.targetTypeHint')}
          value={filters.targetType}
          onSearch={(targetType) => set({ targetType }, { replace: true })}
        />
        <SearchInput
          label={t('audit.targetId')}
          value={filters.targetId}
          onSearch={(targetId) => set({ targetId }, { replace: true })}
        />
        <TextField
          label={t('audit.from')}
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => set({ from: event.target.value })}
        />
        <TextField
          label={t('audit.to')}
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => set({ to: event.target.value })}
        />
        {hasFilters && (
          <button
            type="button"
            className="button button-quiet filters-clear"
            onClick={() => set({ actorType: '', action: '', targetType: '', targetId: '', from: '', to: '' })}
          >
            {t('audit.clear')}
          </button>
        )}
      </FilterBar>
      <LoadState load={entries} />
      {entries.data &&
        (entries.data.items.length === 0 ? (
          <p className="empty">{t('audit.none')}</p>
        ) : (
          <>
            <AuditTable entries={entries.data.items} isStale={entries.isLoading} />
            <Pagination
              page={page}
              pageSize={PAGE_SIZE_DEFAULT}
              total={entries.data.total}
              onPage={(next) => set({ page: String(next) })}
            />
          </>
        ))}
    </Page>
  );
}

function AuditTable({ entries, isStale }: { entries: readonly AuditEntry[]; isStale: boolean }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  return (
    <DataTable caption={t('audit.title')} className={isStale ? 'is-stale' : undefined}>
      <thead>
        <tr>
          <th scope="col">{t('audit.columns.when')}</th>
          <th scope="col">{t('audit.columns.who')}</th>
          <th scope="col">{t('audit.columns.action')}</th>
          <th scope="col">{t('audit.columns.target')}</th>
          <th scope="col">{t('audit.columns.ip')}</th>
          <th scope="col">{t('audit.columns.details')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className="cell-date">
              <time dateTime={entry.at}>
                {format.date(entry.at, { dateStyle: 'medium', timeStyle: 'medium' })}
              </time>
            </td>
            <td>
              {entry.actor.name ?? <span className="muted">{t('audit.unnamed')}</span>}{' '}
              <span className="muted">({t(`audit.actorTypes.${entry.actor.type}`)})</span>
            </td>
            <td>
              <code>{entry.action}</code>
            </td>
            <td>
              {entry.target ? (
                <>
                  {entry.target.type} <TargetId type={entry.target.type} id={entry.target.id} />
                </>
              ) : (
                <Empty />
              )}
            </td>
            <td>{entry.ip ? <code>{entry.ip}</code> : <Empty />}</td>
            <td>
              {Object.keys(entry.details).length > 0 ? (
                <details className="audit-details">
                  <summary>{t('audit.show')}</summary>
                  <pre>{JSON.stringify(entry.details, null, 2)}</pre>
                </details>
              ) : (
                <Empty />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** Where the console shows a target, for the kinds of target that have a page. */
const TARGET_PAGES: Record<string, (id: string) => string> = {
  ticket: (id) => `/tickets/${id}`,
  customer: (id) => `/customers/${id}`,
  contact: (id) => `/contacts/${id}`,
  kb_article: (id) => `/kb/${id}`,
  custom_field: (id) => `/admin/custom-fields/${id}`,
};

function TargetId({ type, id }: { type: string; id: string }) {
  const page = TARGET_PAGES[type];
  const code = <code className="id">{id}</code>;
  return page ? <Link to={page(id)}>{code}</Link> : code;
}
