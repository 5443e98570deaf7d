import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Load } from '../../lib/use-load';
import { ErrorAlert } from '../../ui/error-alert';
import { refreshMe } from '../session';

type LoadStateProps = { load: Pick<Load<unknown>, 'data' | 'isLoading' | 'error' | 'reload'> };

/**
 * What a page shows while its data is not there: "Loading…" the first time, or the error with a
 * retry. A 403 means the section was switched off for this customer since sign-in: that is said
 * plainly, and the menu is brought up to date.
 */
export function LoadState({ load }: LoadStateProps) {
  const { t } = useTranslation('shared');
  if (load.error === 'forbidden') return <Unavailable />;
  if (load.error) {
    return (
      <div className="portal-load-error">
        <ErrorAlert code={load.error} />
        <button type="button" className="button button-quiet" onClick={load.reload}>
          {t('common.tryAgain')}
        </button>
      </div>
    );
  }
  if (load.data === undefined && load.isLoading) {
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return null;
}

/** "This section is not available": the feature is off for this contact's company. */
export function Unavailable() {
  const { t } = useTranslation('portal');
  useEffect(() => {
    refreshMe();
  }, []);
  return (
    <p className="portal-notice" role="alert">
      {t('common.notAvailable')}
    </p>
  );
}
