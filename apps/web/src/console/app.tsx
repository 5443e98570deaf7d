import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { useStore } from '../lib/store';
import { ComingSoonPage } from '../ui/coming-soon-page';
import { NotFoundPage } from '../ui/not-found-page';
import { ConsoleLayout } from './console-layout';
import { ADMIN_SECTIONS, CONSOLE_SECTIONS, canAdminister } from './sections';
import { consoleSession } from './session';
import { SignInPage } from './sign-in-page';

export function ConsoleApp() {
  const { t } = useTranslation('console');
  const technician = useStore(consoleSession);
  // Signed out (or the session just ended on a 401): sign in right here, on the same URL.
  if (!technician) return <SignInPage />;

  const sections = canAdminister(technician) ? [...CONSOLE_SECTIONS, ...ADMIN_SECTIONS] : CONSOLE_SECTIONS;
  return (
    <ConsoleLayout technician={technician}>
      <Routes>
        <Route index element={<Navigate to="/tickets" replace />} />
        {sections.map((section) => (
          <Route
            key={section.path}
            path={`${section.path}/*`}
            element={<ComingSoonPage title={t(section.label)} />}
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </ConsoleLayout>
  );
}
