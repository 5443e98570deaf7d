import { PASSWORD_RESET_LINK_MINUTES } from '@atrium/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorCode } from '../lib/api';
import { AuthLayout } from './auth-layout';
import { ErrorAlert } from './error-alert';

type ForgotPasswordPageProps = {
  /** The console asks for the email address; the portal takes the username or the email. */
  account: 'email' | 'usernameOrEmail';
  send: (login: string) => Promise<unknown>;
};

type State = { kind: 'editing' } | { kind: 'missing' } | { kind: 'failed'; code: string } | { kind: 'sent' };

/**
 * "Forgot password?" for both apps. The server answers the same whether or not the account exists,
 * and so does this page: it never says whether a mail was sent.
 */
export function ForgotPasswordPage({ account, send }: ForgotPasswordPageProps) {
  const { t } = useTranslation('shared');
  const inputId = useId();
  const [state, setState] = useState<State>({ kind: 'editing' });
  const [isPending, setIsPending] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    const login = String(new FormData(event.currentTarget).get('login') ?? '').trim();
    if (login === '') {
      setState({ kind: 'missing' });
      return;
    }
    setIsPending(true);
    send(login).then(
      () => setState({ kind: 'sent' }),
      (error: unknown) => {
        setState({ kind: 'failed', code: errorCode(error) });
        setIsPending(false);
      },
    );
  };

  return (
    <AuthLayout title={t('passwordReset.forgotTitle')} heading={t('passwordReset.forgotHeading')}>
      {state.kind === 'sent' ? (
        <p className="alert" role="status">
          {t('passwordReset.sent', { minutes: PASSWORD_RESET_LINK_MINUTES })}
        </p>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <p className="muted">{t('passwordReset.forgotIntro')}</p>
          {state.kind === 'missing' && (
            <p className="alert alert-error" role="alert">
              {t('passwordReset.missingAccount')}
            </p>
          )}
          {state.kind === 'failed' && <ErrorAlert code={state.code} />}
          <div className="field">
            <label htmlFor={inputId}>
              {account === 'email' ? t('passwordReset.email') : t('passwordReset.usernameOrEmail')}
            </label>
            <input
              id={inputId}
              name="login"
              type={account === 'email' ? 'email' : 'text'}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              aria-invalid={state.kind === 'missing'}
            />
          </div>
          <button type="submit" className="button" aria-busy={isPending}>
            {t('passwordReset.send')}
          </button>
        </form>
      )}
      <Link to="/">{t('passwordReset.backToSignIn')}</Link>
    </AuthLayout>
  );
}
