import { useTranslation } from 'react-i18next';
import { Page } from './page';

type ComingSoonPageProps = { title: string };

/** Placeholder for the sections that later issues build. */
export function ComingSoonPage({ title }: ComingSoonPageProps) {
  const { t } = useTranslation('shared');
  return (
    <Page title={title}>
      <p className="muted">{t('common.comingSoon')}</p>
    </Page>
  );
}
