import '../lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { createConsoleI18n } from '../i18n/console';
import { applyBranding, loadBranding } from '../lib/branding';
import { BootError } from '../ui/boot-error';
import { BrandingProvider } from '../ui/branding';
import { ConsoleApp } from './app';
import { startSession } from './session';
import '../styles.css';

async function start(container: HTMLElement) {
  const [branding, session, i18n] = await Promise.all([loadBranding(), startSession(), createConsoleI18n()]);
  applyBranding(branding);

  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <BrandingProvider value={branding}>
          {session.status === 'failed' ? (
            <BootError code={session.code} />
          ) : (
            <BrowserRouter>
              <ConsoleApp />
            </BrowserRouter>
          )}
        </BrandingProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

const container = document.getElementById('root');
if (container) void start(container);
