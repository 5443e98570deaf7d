import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from './page';

export function NotFoundPage() {
  const { t } = useTranslation('shared');
  return (
    <Page title={t('common.notFoundTitle')}>
      <p>{t('common.notFoundBody')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </Page>
  );
}
