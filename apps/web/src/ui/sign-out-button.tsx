import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorCode } from '../lib/api';
import { ErrorAlert } from './error-alert';

type SignOutButtonProps = { label: string; onSignOut: () => Promise<void> };

export function SignOutButton({ label, onSignOut }: SignOutButtonProps) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const navigate = useNavigate();

  const signOut = () => {
    if (isPending) return;
    setIsPending(true);
    setError(null);
    onSignOut().then(
      // The next person to sign in starts at home, not on the page the previous one left open.
      () => void navigate('/', { replace: true }),
      (cause: unknown) => {
        setError(errorCode(cause));
        setIsPending(false);
      },
    );
  };

  return (
    <>
      <button type="button" className="button button-quiet" onClick={signOut} aria-busy={isPending}>
        {label}
      </button>
      {error && <ErrorAlert code={error} />}
    </>
  );
}
