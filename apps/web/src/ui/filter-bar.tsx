import type { ReactNode } from 'react';

/** The search box and filters above a list, as one search landmark. */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <search className="filters" aria-label={label}>
      {children}
    </search>
  );
}
