import type { Technician } from '@atrium/shared';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { AppShell } from '../ui/app-shell';
import { SignOutButton } from '../ui/sign-out-button';
import { ADMIN_SECTIONS, CONSOLE_SECTIONS, canAdminister } from './sections';
import { signOut } from './session';

type ConsoleLayoutProps = { technician: Technician; children: ReactNode };

export function ConsoleLayout({ technician, children }: ConsoleLayoutProps) {
  const { t } = useTranslation('console');
  const adminLabelId = useId();

  return (
    <AppShell
      account={
        <>
          {/* The technician's own page: language, password, API tokens. */}
          <Link to="/account" className="user-name">
            {technician.name}
          </Link>
          <SignOutButton label={t('header.signOut')} onSignOut={signOut} />
        </>
      }
      navigation={
        <ul className="nav-list">
          {CONSOLE_SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink to={section.path}>{t(section.label)}</NavLink>
            </li>
          ))}
          {canAdminister(technician) && (
            <li className="nav-group">
              <span id={adminLabelId} className="nav-group-label">
                {t('nav.admin')}
              </span>
              <ul className="nav-list" aria-labelledby={adminLabelId}>
                {ADMIN_SECTIONS.map((section) => (
                  <li key={section.path}>
                    <NavLink to={section.path}>{t(section.label)}</NavLink>
                  </li>
                ))}
              </ul>
            </li>
          )}
        </ul>
      }
    >
      {children}
    </AppShell>
  );
}
