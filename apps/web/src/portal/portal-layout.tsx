import type { PortalMe } from '@atrium/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { AppShell } from '../ui/app-shell';
import { SignOutButton } from '../ui/sign-out-button';
import { visibleSections } from './sections';
import { signOut } from './session';

type PortalLayoutProps = { me: PortalMe; children: ReactNode };

export function PortalLayout({ me, children }: PortalLayoutProps) {
  const { t } = useTranslation('portal');
  const { pathname } = useLocation();
  // Home greets in its heading; repeating it in the header there would say it twice.
  const showGreeting = pathname !== '/';

  return (
    <AppShell
      account={
        <>
          {showGreeting && (
            <span className="greeting">{t('header.greeting', { firstName: me.contact.firstName })}</span>
          )}
          <SignOutButton label={t('header.signOut')} onSignOut={signOut} />
        </>
      }
      navigation={
        <ul className="nav-list">
          {visibleSections(me).map((section) => (
            <li key={section.path}>
              {/* `end`: Home is current only on the home page itself, not on every page below it. */}
              <NavLink to={section.path} end={section.path === '/'}>
                {t(section.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      }
    >
      {children}
    </AppShell>
  );
}
