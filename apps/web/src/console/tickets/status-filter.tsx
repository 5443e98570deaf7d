import type { TicketStatus } from '@atrium/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statusLabel } from './labels';

type StatusFilterProps = {
  statuses: readonly TicketStatus[];
  value: readonly string[];
  onChange: (statuses: string[]) => void;
};

/** Several statuses at once, as checkboxes in a disclosure that shows what is chosen. */
export function StatusFilter({ statuses, value, onChange }: StatusFilterProps) {
  const { t } = useTranslation('console');
  const details = useRef<HTMLDetailsElement>(null);
  const [isOpen, setIsOpen] = useState(false);

  // Like a menu: Escape or a click elsewhere closes it; Escape puts focus back on its button.
  useEffect(() => {
    if (!isOpen) return;
    const element = details.current;
    const close = () => {
      if (element) element.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      close();
      element?.querySelector('summary')?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !element?.contains(event.target)) close();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [isOpen]);

  const toggle = (name: string, checked: boolean) => {
    const chosen = new Set(value);
    if (checked) chosen.add(name);
    else chosen.delete(name);
    // Keep the statuses' own order, so that the URL does not depend on the order of the clicks.
    onChange(statuses.map((status) => status.name).filter((name) => chosen.has(name)));
  };
  const summary =
    value.length === 0 ? t('queue.anyStatus') : value.map((name) => statusLabel(t, name)).join(', ');
  return (
    <details ref={details} className="multi-select" onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary>
        <span className="multi-select-label">{t('queue.status')}</span>
        <span className="multi-select-value">{summary}</span>
      </summary>
      <fieldset className="multi-select-panel">
        <legend className="visually-hidden">{t('queue.status')}</legend>
        {statuses.map((status) => (
          <label key={status.name} className="check">
            <input
              type="checkbox"
              checked={value.includes(status.name)}
              onChange={(event) => toggle(status.name, event.target.checked)}
            />
            {statusLabel(t, status.name)}
          </label>
        ))}
        <div className="multi-select-shortcuts">
          <button
            type="button"
            className="link-button"
            onClick={() => onChange(statuses.filter((status) => !status.closed).map((status) => status.name))}
          >
            {t('queue.onlyOpen')}
          </button>
          <button type="button" className="link-button" onClick={() => onChange([])}>
            {t('queue.clearStatuses')}
          </button>
        </div>
      </fieldset>
    </details>
  );
}
