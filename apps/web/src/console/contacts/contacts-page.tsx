import { ContactListQuerySchema, PAGE_SIZE_DEFAULT } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LANGUAGE_NAMES } from '../../i18n/languages';
import { useLoad } from '../../lib/use-load';
import { CheckboxField } from '../../ui/field';
import { FilterBar } from '../../ui/filter-bar';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { SearchInput } from '../../ui/search-input';
import { DataTable, Empty } from '../../ui/table';
import { CustomerSelect } from '../customers/customer-select';
import { pageParam, useListParams, validParam } from '../list-params';
import { contactsApi } from './api';

export function ContactsPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const { set } = useListParams();
  const q = params.get('q') ?? '';
  const customerId = validParam(ContactListQuerySchema.shape.customerId, params.get('customerId'));
  const primaryOnly = params.get('primary') === 'true';
  const page = pageParam(params);
  const contacts = useLoad(`${q}|${customerId}|${primaryOnly}|${page}`, (signal) =>
    contactsApi.list(
      { q, customerId, isPrimary: primaryOnly ? 'true' : undefined, page, pageSize: PAGE_SIZE_DEFAULT },
      signal,
    ),
  );

  return (
    <Page
      title={t('contacts.title')}
      actions={
        <Link to={customerId ? `/contacts/new?customerId=${customerId}` : '/contacts/new'} className="button">
          {t('contacts.new')}
        </Link>
      }
    >
      <FilterBar label={t('contacts.filters')}>
        <SearchInput
          label={t('contacts.search')}
          hint={t('contacts.searchHint')}
          value={q}
          onSearch={(value) => set({ q: value }, { replace: true })}
          slashShortcut
          className="filter-grow"
        />
        <CustomerSelect
          label={t('contacts.customerFilter')}
          emptyLabel={t('contacts.allCustomers')}
          value={customerId}
          onChange={(value) => set({ customerId: value })}
        />
        <CheckboxField
          label={t('contacts.primaryOnly')}
          checked={primaryOnly}
          onChange={(event) => set({ primary: event.target.checked ? 'true' : '' })}
          className="filter-check"
        />
      </FilterBar>
      <LoadState load={contacts} />
      {contacts.data &&
        (contacts.data.items.length === 0 ? (
          <p className="empty">
            {q || customerId || primaryOnly ? t('contacts.noMatch') : t('contacts.none')}
          </p>
        ) : (
          <>
            <DataTable caption={t('contacts.title')} className={contacts.isLoading ? 'is-stale' : undefined}>
              <thead>
                <tr>
                  <th scope="col">{t('contacts.columns.name')}</th>
                  <th scope="col">{t('contacts.columns.customer')}</th>
                  <th scope="col">{t('contacts.columns.email')}</th>
                  <th scope="col">{t('contacts.columns.phone')}</th>
                  <th scope="col">{t('contacts.columns.primary')}</th>
                  <th scope="col">{t('contacts.columns.language')}</th>
                </tr>
              </thead>
              <tbody>
                {contacts.data.items.map((contact) => (
                  <tr key={contact.id}>
                    <td>
                      <Link to={`/contacts/${contact.id}`}>{contact.name}</Link>
                    </td>
                    <td>
                      {contact.customer ? (
                        <Link to={`/customers/${contact.customer.id}`} className="quiet-link">
                          {contact.customer.name}
                        </Link>
                      ) : (
                        <Empty />
                      )}
                    </td>
                    <td>{contact.email}</td>
                    <td>{contact.phone ?? <Empty />}</td>
                    <td>{contact.isPrimary ? t('contacts.primaryYes') : <Empty />}</td>
                    <td lang={contact.language}>{LANGUAGE_NAMES[contact.language]}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <Pagination
              page={page}
              pageSize={PAGE_SIZE_DEFAULT}
              total={contacts.data.total}
              onPage={(next) => set({ page: String(next) })}
            />
          </>
        ))}
    </Page>
  );
}
