import type { ReactNode } from 'react';
import { usePageTitle } from './branding';
import { useFocusOnNavigation } from './focus';

type PageProps = {
  title: string;
  /** What the heading shows, when richer than the tab title (a ticket number in a badge). */
  heading?: ReactNode;
  /** Buttons and links beside the heading ("New ticket"). */
  actions?: ReactNode;
  /** A line above the heading, such as a link back to the list. */
  back?: ReactNode;
  className?: string;
  children?: ReactNode;
};

/** A routed page: names the tab, and its heading takes focus when the page appears. */
export function Page({ title, heading, actions, back, className, children }: PageProps) {
  usePageTitle(title);
  const headingRef = useFocusOnNavigation<HTMLHeadingElement>();
  return (
    <div className={`page ${className ?? ''}`.trim()}>
      {back && <p className="page-back">{back}</p>}
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {heading ?? title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}
