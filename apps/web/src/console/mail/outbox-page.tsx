import { type OutboxMail, PAGE_SIZE_DEFAULT } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { DataTable, Empty } from '../../ui/table';
import { pageParam, useListParams } from '../list-params';
import { mailApi } from './api';
import { isMailKind } from './kinds';

export function OutboxPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const { set } = useListParams();
  const page = pageParam(params);
  const mail = useLoad(String(page), (signal) =>
    mailApi.outbox({ page, pageSize: PAGE_SIZE_DEFAULT }, signal),
  );

  return (
    <Page
      title={t('outbox.title')}
      actions={
        <>
          <Link to="/admin/mail-templates" className="button button-quiet">
            {t('outbox.templates')}
          </Link>
          <button
            type="button"
            className="button button-quiet"
            onClick={mail.reload}
            aria-busy={mail.isLoading}
          >
            {t('outbox.refresh')}
          </button>
        </>
      }
    >
      <p className="muted">{t('outbox.intro')}</p>
      <LoadState load={mail} />
      {mail.data &&
        (mail.data.items.length === 0 ? (
          <p className="empty">{t('outbox.none')}</p>
        ) : (
          <>
            <OutboxTable items={mail.data.items} isStale={mail.isLoading} />
            <Pagination
              page={page}
              pageSize={PAGE_SIZE_DEFAULT}
              total={mail.data.total}
              onPage={(next) => set({ page: String(next) })}
            />
          </>
        ))}
    </Page>
  );
}

function OutboxTable({ items, isStale }: { items: readonly OutboxMail[]; isStale: boolean }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  return (
    <DataTable caption={t('outbox.title')} className={isStale ? 'is-stale' : undefined}>
      <thead>
        <tr>
          <th scope="col">{t('outbox.columns.when')}</th>
          <th scope="col">{t('outbox.columns.to')}</th>
          <th scope="col">{t('outbox.columns.subject')}</th>
          <th scope="col">{t('outbox.columns.kind')}</th>
          <th scope="col">{t('outbox.columns.status')}</th>
          <th scope="col">{t('outbox.columns.ticket')}</th>
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
            <td>{item.to}</td>
            <td>
              {/* The text part, as sent: the way to read a mail when nothing leaves the server. */}
              <details className="outbox-mail">
                <summary>{item.subject}</summary>
                {item.text === null ? (
                  <p className="muted">{t('outbox.withheld')}</p>
                ) : (
                  <pre className="mail-text">{item.text}</pre>
                )}
              </details>
            </td>
            <td>{isMailKind(item.kind) ? t(`mailTemplates.kinds.${item.kind}.name`) : item.kind}</td>
            <td>
              <span className={`badge mail-status-${item.status}`}>
                {t(`outbox.statuses.${item.status}`)}
              </span>
              {item.lastError && (
                <p className="muted">
                  {t('outbox.lastError', { count: item.attempts, error: item.lastError })}
                </p>
              )}
            </td>
            <td>
              {item.ticket ? <Link to={`/tickets/${item.ticket.id}`}>#{item.ticket.number}</Link> : <Empty />}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
