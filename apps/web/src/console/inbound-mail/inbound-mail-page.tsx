import {
  type EmailSettings,
  INBOUND_MAIL_STATUSES,
  type InboundMail,
  InboundMailListQuerySchema,
  PAGE_SIZE_DEFAULT,
  UNKNOWN_SENDER_POLICIES,
  type UnknownSenderPolicy,
} from '@atrium/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { CheckboxField, SelectField } from '../../ui/field';
import { FilterBar } from '../../ui/filter-bar';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { type SaveState, SaveStatus } from '../../ui/save-status';
import { DataTable, Empty } from '../../ui/table';
import { pageParam, useListParams, validParam } from '../list-params';
import { inboundMailApi } from './api';

/** Received mail with what became of it (ignored and malformed mail included), and the email settings. */
export function InboundMailPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const { set } = useListParams();
  const status = validParam(InboundMailListQuerySchema.shape.status, params.get('status'));
  const page = pageParam(params);
  const settings = useLoad('email-settings', (signal) => inboundMailApi.settings(signal));
  const mail = useLoad(`${status}|${page}`, (signal) =>
    inboundMailApi.list({ status, page, pageSize: PAGE_SIZE_DEFAULT }, signal),
  );

  return (
    <Page title={t('inboundMail.title')}>
      <p className="muted">{t('inboundMail.intro')}</p>
      <LoadState load={settings} />
      {settings.data && <UnknownSendersSelect saved={settings.data} />}
      {settings.data && <ImportSpamCheckbox saved={settings.data} />}
      <FilterBar label={t('inboundMail.filters')}>
        <SelectField
          label={t('inboundMail.status')}
          value={status}
          onChange={(event) => set({ status: event.target.value })}
          options={[
            { value: '', label: t('inboundMail.anyStatus') },
            ...INBOUND_MAIL_STATUSES.map((value) => ({ value, label: t(`inboundMail.statuses.${value}`) })),
          ]}
        />
      </FilterBar>
      <LoadState load={mail} />
      {mail.data &&
        (mail.data.items.length === 0 ? (
          <p className="empty">{t('inboundMail.none')}</p>
        ) : (
          <>
            <MailTable items={mail.data.items} isStale={mail.isLoading} />
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

/** A one-field setting saved on change, like the others of the console; put back if saving fails. */
function useSavedOnChange<K extends keyof EmailSettings>(saved: EmailSettings, key: K) {
  const [value, setValue] = useState<EmailSettings[K]>(saved[key]);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const change = async (next: EmailSettings[K]) => {
    const previous = value;
    setValue(next);
    setState({ kind: 'saving' });
    try {
      await inboundMailApi.updateSettings({ [key]: next });
      setState({ kind: 'saved' });
    } catch (error) {
      setValue(previous);
      setState({ kind: 'failed', code: errorCode(error) });
    }
  };
  return { value, state, change };
}

function UnknownSendersSelect({ saved }: { saved: EmailSettings }) {
  const { t } = useTranslation('console');
  const { value, state, change } = useSavedOnChange(saved, 'unknownSenders');
  return (
    <div className="field-with-status">
      <SelectField
        label={t('inboundMail.unknownSenders')}
        hint={t('inboundMail.unknownSendersHint')}
        value={value}
        onChange={(event) => void change(event.target.value as UnknownSenderPolicy)}
        options={UNKNOWN_SENDER_POLICIES.map((policy) => ({
          value: policy,
          label: t(`inboundMail.unknownSenderPolicies.${policy}`),
        }))}
      />
      <SaveStatus state={state} />
    </div>
  );
}

function ImportSpamCheckbox({ saved }: { saved: EmailSettings }) {
  const { t } = useTranslation('console');
  const { value, state, change } = useSavedOnChange(saved, 'importSpam');
  return (
    <div className="field-with-status">
      <CheckboxField
        label={t('inboundMail.importSpam')}
        hint={t('inboundMail.importSpamHint')}
        checked={value}
        onChange={(event) => void change(event.target.checked)}
      />
      <SaveStatus state={state} />
    </div>
  );
}

function MailTable({ items, isStale }: { items: readonly InboundMail[]; isStale: boolean }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  return (
    <DataTable caption={t('inboundMail.title')} className={isStale ? 'is-stale' : undefined}>
      <thead>
        <tr>
          <th scope="col">{t('inboundMail.columns.received')}</th>
          <th scope="col">{t('inboundMail.columns.from')}</th>
          <th scope="col">{t('inboundMail.columns.subject')}</th>
          <th scope="col">{t('inboundMail.columns.status')}</th>
          <th scope="col">{t('inboundMail.columns.ticket')}</th>
          <th scope="col">{t('inboundMail.columns.message')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td className="cell-date">
              <time dateTime={item.receivedAt}>
                {format.date(item.receivedAt, { dateStyle: 'medium', timeStyle: 'medium' })}
              </time>{' '}
              <span className="muted">({t(`inboundMail.sources.${item.source}`)})</span>
            </td>
            <td>{item.from ?? <Empty />}</td>
            <td>{item.subject || <Empty />}</td>
            <td>
              {t(`inboundMail.statuses.${item.status}`)}
              {item.reason && <div className="muted">{item.reason}</div>}
            </td>
            <td>
              {item.ticket ? <Link to={`/tickets/${item.ticket.id}`}>#{item.ticket.number}</Link> : <Empty />}
            </td>
            <td>
              <a href={inboundMailApi.rawUrl(item.id)} download>
                {t('inboundMail.download')}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
