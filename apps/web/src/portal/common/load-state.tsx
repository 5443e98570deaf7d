import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Load } from '../../lib/use-load';
import { LoadState as SharedLoadState } from '../../ui/load-state';
import { refreshMe } from '../session';

type LoadStateProps = { load: Pick<Load<unknown>, 'data' | 'isLoading' | 'error' | 'reload'> };

/**
 * The shared loading state, where a 403 means the section was switched off for this customer since
 * sign-in: that is said plainly, and the menu is brought up to date.
 */
export function LoadState({ load }: LoadStateProps) {
  return <SharedLoadState load={load} whenForbidden={<Unavailable />} size="touch" />;
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
