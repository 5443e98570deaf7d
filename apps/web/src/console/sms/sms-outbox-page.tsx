import { type OutboxSms, PAGE_SIZE_DEFAULT } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { DataTable } from '../../ui/table';
import { pageParam, useListParams } from '../list-params';
import { smsApi } from './api';

const STATUS_TONES = { queued: 'pending', sent: 'success', failed: 'failure' } as const;

/** Text messages, newest first, with their delivery: where admins read them with the outbox provider. */
export function SmsOutboxPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const { set } = useListParams();
  const page = pageParam(params);
  const sms = useLoad(String(page), (signal) => smsApi.outbox({ page, pageSize: PAGE_SIZE_DEFAULT }, signal));

  return (
    <Page
      title={t('smsOutbox.title')}
      actions={
        <button type="button" className="button button-quiet" onClick={sms.reload} aria-busy={sms.isLoading}>
          {t('smsOutbox.refresh')}
        </button>
      }
    >
      <p className="muted">{t('smsOutbox.intro')}</p>
      <LoadState load={sms} />
      {sms.data &&
        (sms.data.items.length === 0 ? (
          <p className="empty">{t('smsOutbox.none')}</p>
        ) : (
          <>
            <SmsTable items={sms.data.items} isStale={sms.isLoading} />
            <Pagination
              page={page}
              pageSize={PAGE_SIZE_DEFAULT}
              total={sms.data.total}
              onPage={(next) => set({ page: String(next) })}
            />
          </>
        ))}
    </Page>
  );
}

function SmsTable({ items, isStale }: { items: readonly OutboxSms[]; isStale: boolean }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  return (
    <DataTable caption={t('smsOutbox.title')} className={isStale ? 'is-stale' : undefined}>
      <thead>
        <tr>
          <th scope="col">{t('smsOutbox.columns.when')}</th>
          <th scope="col">{t('smsOutbox.columns.to')}</th>
          <th scope="col">{t('smsOutbox.columns.body')}</th>
          <th scope="col">{t('smsOutbox.columns.status')}</th>
          <th scope="col" className="cell-numeric">
            {t('smsOutbox.columns.attempts')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td className="cell-date">
              <time dateTime={item.createdAt}>
                {format.date(item.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
            </td>
            <td className="cell-number">{item.to}</td>
            <td className="sms-body">{item.body}</td>
            <td>
              <span className={`badge tone-${STATUS_TONES[item.status]}`}>
                {t(`smsOutbox.statuses.${item.status}`)}
              </span>
              {item.lastError && <p className="sms-error muted">{item.lastError}</p>}
            </td>
            <td className="cell-numeric">{format.number(item.attempts)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
