import type { ReactNode } from 'react';

type DataTableProps = {
  /** Names the table for screen readers (visually hidden). */
  caption: string;
  children: ReactNode;
  className?: string;
};

/** A table that scrolls sideways on its own on a small screen instead of widening the page. */
export function DataTable({ caption, children, className }: DataTableProps) {
  return (
    // Focusable so that keyboard users can scroll it; named by its caption.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={caption}>
      <table className={`table ${className ?? ''}`.trim()}>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
    </section>
  );
}

/** A cell's text when there is no value. */
export function Empty() {
  return <span className="muted">—</span>;
}
