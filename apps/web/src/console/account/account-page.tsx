import { ApiTokenCreateSchema } from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../lib/store';
import { useLoad } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { CopyButton } from '../../ui/copy-button';
import { FormProblemAlert, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { DataTable } from '../../ui/table';
import { consoleSession } from '../session';
import { type ApiTokenSummary, accountApi } from './api';

export function AccountPage() {
  const { t } = useTranslation('console');
  const me = useStore(consoleSession);
  const tokens = useLoad('api-tokens', (signal) => accountApi.tokens(signal));
  if (!me) return null;
  return (
    <Page title={t('account.title')}>
      <section className="card" aria-labelledby="profile">
        <h2 id="profile">{t('account.profile')}</h2>
        <dl className="facts">
          <dt>{t('account.name')}</dt>
          <dd>{me.name}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{me.email}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`technicians.roles.${me.role}`)}</dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="api-tokens">
        <h2 id="api-tokens">{t('account.tokens')}</h2>
        <p className="muted">{t('account.tokensIntro')}</p>
        <NewTokenForm onCreated={tokens.reload} />
        <LoadState load={tokens} />
        {tokens.data &&
          (tokens.data.length === 0 ? (
            <p className="muted">{t('account.noTokens')}</p>
          ) : (
            <TokenTable tokens={tokens.data} onRevoked={tokens.reload} />
          ))}
      </section>
    </Page>
  );
}

function NewTokenForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const form = useSubmit(
    {
      schema: ApiTokenCreateSchema,
      send: accountApi.createToken,
      onSuccess: (token) => {
        setCreated({ name: token.name, token: token.token });
        setName('');
        onCreated();
      },
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setCreated(null);
    void form.submit({ name });
  };
  return (
    <>
      <form ref={form.formRef} className="inline-form" onSubmit={submit} noValidate>
        <FormProblemAlert problem={form.problem} />
        <TextField
          label={t('account.tokenName')}
          hint={t('account.tokenNameHint')}
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          error={fieldError(form.errors, 'name')}
          className="filter-grow"
        />
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('account.createToken')}
        </button>
      </form>
      {created && (
        <div className="new-secret" role="status">
          <p>
            <strong>{t('account.tokenCreated', { name: created.name })}</strong> {t('account.tokenOnce')}
          </p>
          <p className="secret-row">
            <code className="secret">{created.token}</code>
            <CopyButton label={t('account.copyToken')} value={created.token} />
          </p>
          <button type="button" className="button button-quiet button-small" onClick={() => setCreated(null)}>
            {t('account.hideToken')}
          </button>
        </div>
      )}
    </>
  );
}

function TokenTable({ tokens, onRevoked }: { tokens: readonly ApiTokenSummary[]; onRevoked: () => void }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const when = (iso: string) => format.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <DataTable caption={t('account.tokens')}>
      <thead>
        <tr>
          <th scope="col">{t('account.columns.name')}</th>
          <th scope="col">{t('account.columns.created')}</th>
          <th scope="col">{t('account.columns.lastUsed')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('account.columns.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td>{token.name}</td>
            <td className="cell-date">{when(token.createdAt)}</td>
            <td className="cell-date">{token.lastUsedAt ? when(token.lastUsedAt) : t('account.never')}</td>
            <td className="cell-actions">
              <ConfirmButton
                label={t('account.revoke')}
                accessibleLabel={t('account.revokeNamed', { name: token.name })}
                title={t('account.revokeTitle', { name: token.name })}
                danger
                className="button button-quiet button-small button-danger-quiet"
                onConfirm={() => accountApi.revokeToken(token.id)}
                onDone={onRevoked}
              >
                <p>{t('account.revokeBody')}</p>
              </ConfirmButton>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
