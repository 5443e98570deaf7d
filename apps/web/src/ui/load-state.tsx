import { useTranslation } from 'react-i18next';
import type { Load } from '../lib/use-load';
import { ErrorAlert } from './error-alert';

/**
 * What a page shows while its data is not there: "Loading…" the first time, or the error with a
 * retry. Once data is there, a failed reload shows the error above the data that is kept.
 */
export function LoadState({
  load,
}: {
  load: Pick<Load<unknown>, 'data' | 'isLoading' | 'error' | 'reload'>;
}) {
  const { t } = useTranslation('shared');
  if (load.error) {
    return (
      <div className="load-error">
        <ErrorAlert code={load.error} />
        <button type="button" className="button button-quiet button-small" onClick={load.reload}>
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
