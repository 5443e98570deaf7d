import { type ReactNode, useLayoutEffect, useRef } from 'react';

type DataTableProps = {
  /** Names the table for screen readers (visually hidden). */
  caption: string;
  children: ReactNode;
  className?: string;
};

/**
 * A table that becomes one card per row on a narrow screen (styles.css) instead of scrolling
 * sideways: each cell then shows its column's name, which the table copies from its header.
 */
export function DataTable({ caption, children, className }: DataTableProps) {
  const tableRef = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const table = tableRef.current;
    if (!table) return;
    labelCells(table);
    // Rows come and go, and headers change language, without this component rendering again.
    const observer = new MutationObserver(() => labelCells(table));
    observer.observe(table, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div className="table-wrap">
      <table ref={tableRef} className={`table ${className ?? ''}`.trim()}>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** Gives each body cell its column's header text as `data-label`; a cell spanning columns gets none. */
function labelCells(table: HTMLTableElement) {
  const headers = [...(table.tHead?.rows[0]?.cells ?? [])].map(headerText);
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        const label = cell.colSpan === 1 ? headers[column] : undefined;
        if (label && cell.dataset.label !== label) cell.dataset.label = label;
        if (!label && cell.dataset.label !== undefined) delete cell.dataset.label;
        column += cell.colSpan;
      }
    }
  }
}

/** What a header says, without its decorations (sort arrows); nothing for a visually hidden one. */
function headerText(header: HTMLTableCellElement): string {
  if (header.querySelector('.visually-hidden') || header.classList.contains('visually-hidden')) return '';
  const copy = header.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return copy.textContent?.trim() ?? '';
}

/** A cell's text when there is no value. */
export function Empty() {
  return <span className="muted">—</span>;
}
