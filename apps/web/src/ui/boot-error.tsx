import { useTranslation } from 'react-i18next';
import { BrandMark, usePageTitle } from './branding';
import { ErrorAlert } from './error-alert';

type BootErrorProps = { code: string };

/** The app could not find out who is signed in (server down, proxy error): say so and offer a retry. */
export function BootError({ code }: BootErrorProps) {
  const { t } = useTranslation('shared');
  usePageTitle();
  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <BrandMark size="hero" />
        <ErrorAlert code={code} />
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('common.tryAgain')}
        </button>
      </div>
    </main>
  );
}
