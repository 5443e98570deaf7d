import type { ReactNode } from 'react';
import { usePageTitle } from './branding';
import { useFocusOnNavigation } from './focus';

type PageProps = { title: string; children?: ReactNode };

/** A routed page: names the tab, and its heading takes focus when the page appears. */
export function Page({ title, children }: PageProps) {
  usePageTitle(title);
  const heading = useFocusOnNavigation<HTMLHeadingElement>();
  return (
    <div className="page">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
