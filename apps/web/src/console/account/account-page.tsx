import { ApiTokenCreateSchema, type Technician, TechnicianPreferencesSchema } from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorCode } from '../../lib/api';
import { useStore } from '../../lib/store';
import { useLoad } from '../../lib/use-load';
import { CopyButton } from '../../ui/copy-button';
import { ErrorAlert } from '../../ui/error-alert';
import { FormProblemAlert, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LanguagePreference } from '../../ui/language-select';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { PasswordChangeForm } from '../../ui/password-change-form';
import { consoleApi } from '../api';
import { canAdminister } from '../sections';
import { consoleSession, saveLanguage } from '../session';
import { setupApi } from '../setup/api';
import { accountApi } from './api';
import { TokenTable } from './token-table';

export function AccountPage() {
  const { t } = useTranslation('console');
  const me = useStore(consoleSession);
  const tokens = useLoad('api-tokens', (signal) => accountApi.tokens(signal));
  if (!me) return null;
  return (
    <Page title={t('account.title')}>
      <section className="card stack" aria-labelledby="profile">
        <h2 id="profile">{t('account.profile')}</h2>
        <NameForm me={me} />
        <dl className="facts">
          <dt>{t('account.email')}</dt>
          <dd>{me.email}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`technicians.roles.${me.role}`)}</dd>
        </dl>
      </section>
      <LanguageForm me={me} />
      {canAdminister(me) && <SetupChecklistSection />}
      <PasswordForm />
      <section className="card stack" aria-labelledby="api-tokens">
        <h2 id="api-tokens">{t('account.tokens')}</h2>
        <p className="muted">{t('account.tokensIntro')}</p>
        <NewTokenForm onCreated={tokens.reload} />
        <LoadState load={tokens} />
        {tokens.data &&
          (tokens.data.length === 0 ? (
            <p className="muted">{t('account.noTokens')}</p>
          ) : (
            <TokenTable
              caption={t('account.tokens')}
              tokens={tokens.data}
              revoke={accountApi.revokeToken}
              onRevoked={tokens.reload}
            />
          ))}
      </section>
    </Page>
  );
}

function NewTokenForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const form = useSubmit(
    {
      schema: ApiTokenCreateSchema,
      send: accountApi.createToken,
      onSuccess: (token) => {
        setCreated({ name: token.name, token: token.token });
        setName('');
        setExpiresOn('');
        onCreated();
      },
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setCreated(null);
    // A token chosen to expire on a day works until that day ends, where the technician is.
    void form.submit({
      name,
      expiresAt: expiresOn ? new Date(`${expiresOn}T23:59:59.999`).toISOString() : null,
    });
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
        <TextField
          label={t('account.tokenExpires')}
          hint={t('account.tokenExpiresHint')}
          type="date"
          value={expiresOn}
          onChange={(event) => setExpiresOn(event.target.value)}
          error={fieldError(form.errors, 'expiresAt')}
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

/** The name colleagues and customers see on tickets and in mail; the header shows it at once. */
function NameForm({ me }: { me: Technician }) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [name, setName] = useState(me.name);
  const [saved, setSaved] = useState(false);
  const form = useSubmit(
    {
      schema: TechnicianPreferencesSchema,
      send: consoleApi.updatePreferences,
      onSuccess: (technician) => {
        consoleSession.set(technician);
        setSaved(true);
      },
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setSaved(false);
    void form.submit({ name });
  };
  return (
    <form ref={form.formRef} className="inline-form" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <TextField
        label={t('account.name')}
        hint={t('account.nameHint')}
        value={name}
        maxLength={200}
        autoComplete="name"
        onChange={(event) => setName(event.target.value)}
        error={fieldError(form.errors, 'name')}
        className="filter-grow"
      />
      <button type="submit" className="button" aria-busy={form.isPending}>
        {t('account.saveName')}
      </button>
      <span role="status" className="form-status">
        {saved ? t('account.nameSaved') : ''}
      </span>
    </form>
  );
}

/** Admins bring back the first-run checklist they dismissed. */
function SetupChecklistSection() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const reopen = async () => {
    setProblem(null);
    try {
      await setupApi.reopen();
      await navigate('/setup');
    } catch (error) {
      setProblem(errorCode(error));
    }
  };
  return (
    <section className="card stack" aria-labelledby="first-run">
      <h2 id="first-run">{t('setup.title')}</h2>
      <p className="muted">{t('setup.reopenIntro')}</p>
      {problem && <ErrorAlert code={problem} />}
      <div className="actions">
        <button type="button" className="button button-quiet" onClick={() => void reopen()}>
          {t('setup.reopen')}
        </button>
      </div>
    </section>
  );
}

/** Saved as soon as it is picked, and the whole console switches language at once. */
function LanguageForm({ me }: { me: Technician }) {
  const { t, i18n } = useTranslation('console');
  return (
    <section className="card stack" aria-labelledby="language">
      <h2 id="language">{t('account.language')}</h2>
      <LanguagePreference
        current={me.language}
        save={(language) => saveLanguage(i18n, language)}
        labels={{
          select: t('account.consoleLanguage'),
          hint: t('account.languageHint'),
          formatExample: (sample) => t('account.formatExample', sample),
          saved: t('account.languageSaved'),
        }}
      />
    </section>
  );
}

/** Your own password: the server also ends your other sessions and revokes your API tokens. */
function PasswordForm() {
  const { t } = useTranslation('console');
  return (
    <PasswordChangeForm
      send={consoleApi.changePassword}
      labels={{
        title: t('account.password'),
        intro: t('account.passwordIntro'),
        current: t('account.currentPassword'),
        new: t('account.newPassword'),
        hint: t('account.newPasswordHint'),
        submit: t('account.changePassword'),
        saved: t('account.passwordChanged'),
      }}
    />
  );
}
