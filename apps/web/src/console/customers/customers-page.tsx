import { PAGE_SIZE_DEFAULT } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { FilterBar } from '../../ui/filter-bar';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { SearchInput } from '../../ui/search-input';
import { DataTable, Empty } from '../../ui/table';
import { pageParam, useListParams } from '../list-params';
import { customersApi } from './api';

export function CustomersPage() {
  const { t } = useTranslation('console');
  const format = useFormat();
  const [params] = useSearchParams();
  const { set } = useListParams();
  const q = params.get('q') ?? '';
  const page = pageParam(params);
  const customers = useLoad(`${q}|${page}`, (signal) =>
    customersApi.list({ q, page, pageSize: PAGE_SIZE_DEFAULT }, signal),
  );

  return (
    <Page
      title={t('customers.title')}
      actions={
        <Link to="/customers/new" className="button">
          {t('customers.new')}
        </Link>
      }
    >
      <FilterBar label={t('customers.filters')}>
        <SearchInput
          label={t('customers.search')}
          hint={t('customers.searchHint')}
          value={q}
          onSearch={(value) => set({ q: value }, { replace: true })}
          slashShortcut
          className="filter-grow"
        />
      </FilterBar>
      <LoadState load={customers} />
      {customers.data &&
        (customers.data.items.length === 0 ? (
          <p className="empty">{q ? t('customers.noMatch') : t('customers.none')}</p>
        ) : (
          <>
            <DataTable
              caption={t('customers.title')}
              className={customers.isLoading ? 'is-stale' : undefined}
            >
              <thead>
                <tr>
                  <th scope="col">{t('customers.columns.name')}</th>
                  <th scope="col">{t('customers.columns.domains')}</th>
                  <th scope="col" className="cell-numeric">
                    {t('customers.columns.contacts')}
                  </th>
                  <th scope="col" className="cell-numeric">
                    {t('customers.columns.openTickets')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {customers.data.items.map((customer) => (
                  <tr key={customer.id}>
                    <td>
                      <Link to={`/customers/${customer.id}`}>{customer.name}</Link>
                    </td>
                    <td>{customer.domains.length > 0 ? customer.domains.join(', ') : <Empty />}</td>
                    <td className="cell-numeric">{format.number(customer.contactCount)}</td>
                    <td className="cell-numeric">
                      {customer.openTicketCount > 0 ? (
                        <Link to={`/tickets?customerId=${customer.id}`}>
                          {format.number(customer.openTicketCount)}
                        </Link>
                      ) : (
                        format.number(0)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <Pagination
              page={page}
              pageSize={PAGE_SIZE_DEFAULT}
              total={customers.data.total}
              onPage={(next) => set({ page: String(next) })}
            />
          </>
        ))}
    </Page>
  );
}
