import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { useStore } from '../lib/store';
import { ComingSoonPage } from '../ui/coming-soon-page';
import { NotFoundPage } from '../ui/not-found-page';
import { HomePage } from './home-page';
import { PortalLayout } from './portal-layout';
import { visibleSections } from './sections';
import { portalSession } from './session';
import { SettingsPage } from './settings-page';
import { SignInPage } from './sign-in-page';

export function PortalApp() {
  const { t } = useTranslation('portal');
  const me = useStore(portalSession);
  // Signed out (or the session just ended on a 401): sign in right here, on the same URL.
  if (!me) return <SignInPage />;

  return (
    <PortalLayout me={me}>
      <Routes>
        <Route index element={<HomePage me={me} />} />
        <Route path="settings" element={<SettingsPage me={me} />} />
        {visibleSections(me)
          .filter((section) => 'isPlaceholder' in section)
          .map((section) => (
            <Route
              key={section.path}
              path={`${section.path}/*`}
              element={<ComingSoonPage title={t(section.label)} />}
            />
          ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </PortalLayout>
  );
}
