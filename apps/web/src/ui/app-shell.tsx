import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { BrandMark } from './branding';

type AppShellProps = {
  /** Who is signed in and the sign-out button. */
  account: ReactNode;
  /** The navigation lists; the shell provides the landmark around them. */
  navigation: ReactNode;
  children: ReactNode;
};

/**
 * Header, navigation and main area shared by the console and the portal. On narrow screens the
 * navigation collapses behind a "Menu" button.
 */
export function AppShell({ account, navigation, children }: AppShellProps) {
  const { t } = useTranslation('shared');
  const navId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  // Open for one location only: following a link closes the menu without an effect.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const isMenuOpen = openAt === pathname;

  useEffect(() => {
    if (!isMenuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpenAt(null);
      toggle.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [isMenuOpen]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand-link">
          <BrandMark />
        </Link>
        <div className="account">{account}</div>
        <button
          ref={toggle}
          type="button"
          className="menu-toggle"
          aria-expanded={isMenuOpen}
          aria-controls={navId}
          onClick={() => setOpenAt(isMenuOpen ? null : pathname)}
        >
          {t('common.menu')}
        </button>
      </header>
      <div className="app-body">
        <nav id={navId} className="app-nav" aria-label={t('common.mainNavigation')} data-open={isMenuOpen}>
          {navigation}
        </nav>
        <main id="main" className="app-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
