import { type FormEvent, useId, useState } from 'react';
import type { z } from 'zod';
import { errorCode } from '../lib/api';
import { ErrorAlert } from './error-alert';

type SignInFormProps<S extends z.ZodType> = {
  /** The account field: `email` in the console, `username` in the portal. */
  account: { name: 'email' | 'username'; label: string; type: 'email' | 'text' };
  passwordLabel: string;
  submitLabel: string;
  missingMessage: string;
  /** The server's own login schema, so what it would refuse is refused here without a round trip. */
  schema: S;
  onSignIn: (credentials: z.output<S>) => Promise<void>;
};

type Problem = { kind: 'missing' } | { kind: 'error'; code: string };

/** Account + password form shared by both apps' sign-in pages. */
export function SignInForm<S extends z.ZodType>(props: SignInFormProps<S>) {
  const { account, schema, onSignIn } = props;
  const accountId = useId();
  const passwordId = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState({ account: false, password: false });
  const [isPending, setIsPending] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    const form = new FormData(event.currentTarget);
    const accountValue = String(form.get(account.name) ?? '');
    const password = String(form.get('password') ?? '');
    const isMissing = { account: accountValue.trim() === '', password: password === '' };
    setMissing(isMissing);
    if (isMissing.account || isMissing.password) {
      setProblem({ kind: 'missing' });
      return;
    }
    const parsed = schema.safeParse({ [account.name]: accountValue, password });
    if (!parsed.success) {
      setProblem({ kind: 'error', code: 'validation_failed' });
      return;
    }
    setProblem(null);
    setIsPending(true);
    // On success the app swaps this page for the signed-in layout; only failures come back here.
    onSignIn(parsed.data).catch((error: unknown) => {
      setProblem({ kind: 'error', code: errorCode(error) });
      setIsPending(false);
    });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {problem?.kind === 'missing' && (
        <p className="alert alert-error" role="alert">
          {props.missingMessage}
        </p>
      )}
      {problem?.kind === 'error' && <ErrorAlert code={problem.code} />}
      <div className="field">
        <label htmlFor={accountId}>{account.label}</label>
        <input
          id={accountId}
          name={account.name}
          type={account.type}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          aria-invalid={missing.account}
        />
      </div>
      <div className="field">
        <label htmlFor={passwordId}>{props.passwordLabel}</label>
        <input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={missing.password}
        />
      </div>
      <button type="submit" className="button" aria-busy={isPending}>
        {props.submitLabel}
      </button>
    </form>
  );
}
