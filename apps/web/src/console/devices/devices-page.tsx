import { DeviceListQuerySchema, PAGE_SIZE_DEFAULT } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useLoad } from '../../lib/use-load';
import { useRefresh } from '../../lib/use-refresh';
import { SelectField } from '../../ui/field';
import { FilterBar } from '../../ui/filter-bar';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { SearchInput } from '../../ui/search-input';
import { CustomerSelect } from '../customers/customer-select';
import { pageParam, useListParams, validParam } from '../list-params';
import { devicesApi, enrollmentApi } from './api';
import { DeviceTable } from './device-table';
import { AddDeviceButton } from './enrollment-dialog';
import { EnrollmentTokens } from './enrollment-tokens';

/** Agents beat every 30 s; the list follows a device going on- or offline within a few seconds. */
const REFRESH_MS = 5000;

export function DevicesPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const { set } = useListParams();
  const q = params.get('q') ?? '';
  const customerId = validParam(DeviceListQuerySchema.shape.customerId, params.get('customerId'));
  const online = validParam(DeviceListQuerySchema.shape.online, params.get('online'));
  const page = pageParam(params);
  const devices = useLoad(`${q}|${customerId}|${online}|${page}`, (signal) =>
    devicesApi.list({ q, customerId, online, page, pageSize: PAGE_SIZE_DEFAULT }, signal),
  );
  useRefresh(devices, REFRESH_MS);
  const tokens = useLoad(
    `tokens:${customerId}`,
    (signal) => enrollmentApi.list(customerId, signal),
    customerId === '',
  );
  // A customer without devices is told how to add one; a search or state filter just found nothing.
  const isNarrowed = q !== '' || online !== '';

  return (
    <Page
      title={t('devices.title')}
      actions={<AddDeviceButton customerId={customerId} onCreated={tokens.reload} />}
    >
      <FilterBar label={t('devices.filters')}>
        <SearchInput
          label={t('devices.search')}
          value={q}
          onSearch={(value) => set({ q: value }, { replace: true })}
          slashShortcut
          className="filter-grow"
        />
        <CustomerSelect
          label={t('devices.customerFilter')}
          emptyLabel={t('devices.allCustomers')}
          value={customerId}
          onChange={(value) => set({ customerId: value })}
        />
        <SelectField
          label={t('devices.onlineFilter')}
          value={online}
          onChange={(event) => set({ online: event.target.value })}
          options={[
            { value: '', label: t('devices.anyState') },
            { value: 'true', label: t('devices.online') },
            { value: 'false', label: t('devices.offline') },
          ]}
        />
      </FilterBar>
      <LoadState load={devices} />
      {devices.data &&
        (devices.data.items.length === 0 ? (
          isNarrowed ? (
            <p className="empty">{t('devices.noMatch')}</p>
          ) : (
            <div className="empty stack">
              <p>{customerId ? t('devices.noneForCustomer') : t('devices.none')}</p>
              <p>{t('devices.howToAdd')}</p>
              <AddDeviceButton customerId={customerId} onCreated={tokens.reload} />
            </div>
          )
        ) : (
          <>
            <DeviceTable devices={devices.data.items} isStale={!devices.isCurrent} />
            <Pagination
              page={page}
              pageSize={PAGE_SIZE_DEFAULT}
              total={devices.data.total}
              onPage={(next) => set({ page: String(next) })}
            />
          </>
        ))}
      {customerId && <EnrollmentTokens tokens={tokens} />}
    </Page>
  );
}
