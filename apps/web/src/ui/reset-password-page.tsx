import { PASSWORD_MIN_LENGTH, type PasswordReset, PasswordResetSchema } from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthLayout } from './auth-layout';
import { FormProblemAlert, TextField } from './field';
import { fieldError, useSubmit } from './form';

type ResetPasswordPageProps = {
  send: (body: PasswordReset) => Promise<unknown>;
  /** The server ended every session of the account: the app forgets its own. */
  onDone: () => void;
};

/** Where the mailed link `…/reset-password?token=…` lands, in both apps. */
export function ResetPasswordPage({ send, onDone }: ResetPasswordPageProps) {
  const { t } = useTranslation('shared');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [isDone, setIsDone] = useState(false);
  const form = useSubmit(
    {
      schema: PasswordResetSchema,
      send,
      onSuccess: () => {
        setIsDone(true);
        onDone();
      },
    },
    t,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.isPending) void form.submit({ token, password });
  };
  const askAgain = <Link to="/forgot-password">{t('passwordReset.askAgain')}</Link>;

  return (
    <AuthLayout title={t('passwordReset.resetTitle')} heading={t('passwordReset.resetHeading')}>
      {isDone ? (
        <>
          <p className="alert" role="status">
            {t('passwordReset.done')}
          </p>
          <Link className="button" to="/">
            {t('passwordReset.signIn')}
          </Link>
        </>
      ) : token === '' ? (
        <>
          <p className="alert alert-error" role="alert">
            {t('passwordReset.missingToken')}
          </p>
          {askAgain}
        </>
      ) : (
        <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
          <FormProblemAlert problem={form.problem} />
          <TextField
            label={t('passwordReset.newPassword')}
            hint={t('passwordReset.newPasswordHint', { minimum: PASSWORD_MIN_LENGTH })}
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={fieldError(form.errors, 'password')}
            autoComplete="new-password"
          />
          <button type="submit" className="button" aria-busy={form.isPending}>
            {t('passwordReset.save')}
          </button>
          {form.problem?.code === 'reset_link_invalid' && askAgain}
        </form>
      )}
    </AuthLayout>
  );
}
