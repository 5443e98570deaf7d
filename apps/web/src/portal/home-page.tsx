import type { PortalMe } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Page } from '../ui/page';

type HomePageProps = { me: PortalMe };

export function HomePage({ me }: HomePageProps) {
  const { t } = useTranslation('portal');
  return (
    <Page title={t('header.greeting', { firstName: me.contact.firstName })}>
      <p className="lead">{t('home.intro')}</p>
    </Page>
  );
}
