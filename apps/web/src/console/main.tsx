import '../lib/zod-config';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { createConsoleI18n } from '../i18n/console';
import { browserLanguage } from '../i18n/languages';
import { applyBranding, brandingStore, loadBranding } from '../lib/branding';
import { useStore } from '../lib/store';
import { BootError } from '../ui/boot-error';
import { BrandingProvider } from '../ui/branding';
import { ConsoleApp } from './app';
import { startSession } from './session';
import '../styles.css';
import './console.css';

async function start(container: HTMLElement) {
  const [branding, session] = await Promise.all([loadBranding(), startSession()]);
  // The technician's saved language first; before sign-in, the browser's if we have it.
  const i18n = await createConsoleI18n(
    session.status === 'signed-in' ? session.technician.language : browserLanguage(),
  );
  brandingStore.set(branding);
  applyBranding(branding);

  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <LiveBranding>
          {session.status === 'failed' ? (
            <BootError code={session.code} />
          ) : (
            <BrowserRouter>
              <ConsoleApp />
            </BrowserRouter>
          )}
        </LiveBranding>
      </I18nextProvider>
    </StrictMode>,
  );
}

/** An admin who changes the branding sees the new name and logo at once. */
function LiveBranding({ children }: { children: ReactNode }) {
  return <BrandingProvider value={useStore(brandingStore)}>{children}</BrandingProvider>;
}

const container = document.getElementById('root');
if (container) void start(container);
