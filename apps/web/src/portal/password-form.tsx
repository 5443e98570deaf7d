import { PasswordChangeSchema } from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblemAlert, TextField } from '../ui/field';
import { fieldError, useSubmit } from '../ui/form';
import { portalApi } from './api';

const EMPTY = { currentPassword: '', newPassword: '' };

/** Settings → password: the current one, then the new one (the server ends the contact's other sessions). */
export function PasswordForm() {
  const { t } = useTranslation('portal');
  const { t: ts } = useTranslation('shared');
  const [draft, setDraft] = useState(EMPTY);
  const [saved, setSaved] = useState(false);
  const form = useSubmit(
    {
      schema: PasswordChangeSchema,
      send: portalApi.changePassword,
      onSuccess: () => {
        setDraft(EMPTY);
        setSaved(true);
      },
      fieldForCode: { wrong_password: 'currentPassword' },
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setSaved(false);
    void form.submit(draft);
  };
  return (
    <form
      ref={form.formRef}
      className="card stack"
      onSubmit={submit}
      noValidate
      aria-labelledby="password-heading"
    >
      <h2 id="password-heading">{t('settings.password.title')}</h2>
      <FormProblemAlert problem={form.problem} />
      <TextField
        label={t('settings.password.current')}
        type="password"
        value={draft.currentPassword}
        onChange={(event) => setDraft({ ...draft, currentPassword: event.target.value })}
        error={fieldError(form.errors, 'currentPassword')}
        autoComplete="current-password"
      />
      <TextField
        label={t('settings.password.new')}
        hint={t('settings.password.hint')}
        type="password"
        value={draft.newPassword}
        onChange={(event) => setDraft({ ...draft, newPassword: event.target.value })}
        error={fieldError(form.errors, 'newPassword')}
        autoComplete="new-password"
      />
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('settings.password.submit')}
        </button>
        <span role="status" className="form-status">
          {saved ? t('settings.password.saved') : ''}
        </span>
      </div>
    </form>
  );
}
