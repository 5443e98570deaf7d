import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Load } from '../lib/use-load';
import { ErrorAlert } from './error-alert';

type LoadStateProps = {
  load: Pick<Load<unknown>, 'data' | 'isLoading' | 'error' | 'reload'>;
  /** Shown instead of the error when the answer was 403 (the portal: a section switched off). */
  whenForbidden?: ReactNode;
  /** Touch-sized retry button (the portal) or a compact one (the console). */
  size?: 'small' | 'touch';
};

/**
 * What a page shows while its data is not there: "Loading…" the first time, or the error with a
 * retry. Once data is there, a failed reload shows the error above the data that is kept.
 */
export function LoadState({ load, whenForbidden, size = 'small' }: LoadStateProps) {
  const { t } = useTranslation('shared');
  if (load.error === 'forbidden' && whenForbidden) return whenForbidden;
  if (load.error) {
    return (
      <div className="load-error">
        <ErrorAlert code={load.error} />
        <button
          type="button"
          className={`button button-quiet${size === 'small' ? ' button-small' : ''}`}
          onClick={load.reload}
        >
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
