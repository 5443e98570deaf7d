import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import { useStore } from '../lib/store';
import { ForgotPasswordPage } from '../ui/forgot-password-page';
import { NotFoundPage } from '../ui/not-found-page';
import { ResetPasswordPage } from '../ui/reset-password-page';
import { portalApi } from './api';
import { AssistantPage } from './assistant/assistant-page';
import { ChoosePasswordPage } from './choose-password-page';
import { FeatureGate } from './common/feature-gate';
import { DevicesPage } from './devices/devices-page';
import { HomePage } from './home-page';
import { ArticlePage } from './kb/article-page';
import { KbPage } from './kb/kb-page';
import { PortalLayout } from './portal-layout';
import { portalSession } from './session';
import { SettingsPage } from './settings-page';
import { SignInPage } from './sign-in-page';
import { NewTicketPage } from './tickets/new-ticket-page';
import { TicketPage } from './tickets/ticket-page';
import { TicketsPage } from './tickets/tickets-page';

export function PortalApp() {
  const { t } = useTranslation('portal');
  const me = useStore(portalSession);
  const { pathname } = useLocation();
  // The mailed link works whoever is signed in here; using it ends every session of its account.
  if (pathname === '/reset-password') {
    return <ResetPasswordPage send={portalApi.resetPassword} onDone={() => portalSession.set(null)} />;
  }
  if (!me) {
    if (pathname === '/forgot-password') {
      return (
        <ForgotPasswordPage
          account="usernameOrEmail"
          send={(login) => portalApi.forgotPassword({ username: login })}
        />
      );
    }
    // Signed out (or the session just ended on a 401): sign in right here, on the same URL.
    return <SignInPage />;
  }
  if (me.mustChangePassword) return <ChoosePasswordPage />;

  // Every section has its route even when it is off: a bookmark then says "not available", not "not found".
  const tickets = (page: ReactNode) => (
    <FeatureGate me={me} feature="ticketing" title={t('nav.tickets')}>
      {page}
    </FeatureGate>
  );
  const kb = (page: ReactNode) => (
    <FeatureGate me={me} feature="knowledgeBase" title={t('nav.knowledgeBase')}>
      {page}
    </FeatureGate>
  );

  return (
    <PortalLayout me={me}>
      <Routes>
        <Route index element={<HomePage me={me} />} />
        <Route path="tickets" element={tickets(<TicketsPage me={me} />)} />
        <Route path="tickets/new" element={tickets(<NewTicketPage me={me} />)} />
        <Route path="tickets/:id" element={tickets(<TicketPage me={me} />)} />
        <Route path="kb" element={kb(<KbPage me={me} />)} />
        <Route path="kb/:id" element={kb(<ArticlePage me={me} />)} />
        <Route
          path="assistant"
          element={
            <FeatureGate me={me} feature="aiAssistant" title={t('nav.assistant')}>
              <AssistantPage me={me} />
            </FeatureGate>
          }
        />
        <Route
          path="devices"
          element={
            <FeatureGate me={me} feature="selfService" title={t('nav.devices')}>
              <DevicesPage />
            </FeatureGate>
          }
        />
        <Route path="settings" element={<SettingsPage me={me} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </PortalLayout>
  );
}
