import type { ReactNode } from 'react';
import { BrandMark, usePageTitle } from './branding';
import { useFocusOnNavigation } from './focus';

type AuthLayoutProps = { title: string; heading: string; children: ReactNode };

/** The centred card of the sign-in pages, with the MSP's branding on top. */
export function AuthLayout({ title, heading, children }: AuthLayoutProps) {
  usePageTitle(title);
  // Also where focus lands after signing out, when the button that had it disappears.
  const headingRef = useFocusOnNavigation<HTMLHeadingElement>();
  return (
    <main className="auth" id="main">
      <div className="auth-card stack">
        <BrandMark size="hero" />
        <h1 ref={headingRef} tabIndex={-1}>
          {heading}
        </h1>
        {children}
      </div>
    </main>
  );
}
