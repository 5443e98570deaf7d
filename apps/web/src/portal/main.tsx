import '../lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { browserLanguage } from '../i18n/languages';
import { createPortalI18n } from '../i18n/portal';
import { applyBranding, loadBranding } from '../lib/branding';
import { BootError } from '../ui/boot-error';
import { BrandingProvider } from '../ui/branding';
import { PortalApp } from './app';
import { startSession } from './session';
import '../styles.css';
import './portal.css';

/** `/portal` on the desk's own host; the root on the portal's custom domain, which serves only the portal. */
const basename = /^\/portal(\/|$)/.test(window.location.pathname) ? '/portal' : '/';

async function start(container: HTMLElement) {
  const [branding, session] = await Promise.all([loadBranding(), startSession()]);
  applyBranding(branding);
  // The contact's saved language first; before sign-in, the browser's if we have it.
  const i18n = await createPortalI18n(
    session.status === 'signed-in' ? session.me.language : browserLanguage(),
  );

  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <BrandingProvider value={branding}>
          {session.status === 'failed' ? (
            <BootError code={session.code} />
          ) : (
            <BrowserRouter basename={basename}>
              <PortalApp />
            </BrowserRouter>
          )}
        </BrandingProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

const container = document.getElementById('root');
if (container) void start(container);
