import { PASSWORD_MIN_LENGTH, PasswordChoiceSchema } from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../ui/auth-layout';
import { FormProblemAlert, TextField } from '../ui/field';
import { fieldError, useSubmit } from '../ui/form';
import { SignOutButton } from '../ui/sign-out-button';
import { portalApi } from './api';
import { refreshMe, signOut } from './session';

/**
 * Signed in with the password Atrium generated: a one-time key. Until the contact chooses their own,
 * the server refuses everything else, so this page is all the portal shows.
 */
export function ChoosePasswordPage() {
  const { t } = useTranslation('portal');
  const { t: ts } = useTranslation('shared');
  const [password, setPassword] = useState('');
  const form = useSubmit(
    {
      schema: PasswordChoiceSchema,
      send: portalApi.choosePassword,
      onSuccess: refreshMe,
      fieldForCode: { password_unchanged: 'password' },
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.isPending) void form.submit({ password });
  };
  return (
    <AuthLayout title={t('choosePassword.title')} heading={t('choosePassword.heading')}>
      <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
        <p className="muted">{t('choosePassword.intro')}</p>
        <FormProblemAlert problem={form.problem} />
        <TextField
          label={t('choosePassword.password')}
          hint={t('choosePassword.hint', { minimum: PASSWORD_MIN_LENGTH })}
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(form.errors, 'password')}
          autoComplete="new-password"
        />
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('choosePassword.submit')}
        </button>
      </form>
      <SignOutButton label={t('header.signOut')} onSignOut={signOut} />
    </AuthLayout>
  );
}
