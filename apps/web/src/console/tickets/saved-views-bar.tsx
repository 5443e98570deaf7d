import type { TicketStatus } from '@atrium/shared';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localId } from '../../lib/local-id';
import { Dialog } from '../../ui/dialog';
import { TextField } from '../../ui/field';
import { type QueueFilters, viewKey } from './queue-query';
import { addView, defaultViews, readStoredViews, type SavedView, writeStoredViews } from './saved-views';

type SavedViewsProps = {
  statuses: readonly TicketStatus[];
  filters: QueueFilters;
  technicianId: string;
};

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The named filter sets: three defaults and the technician's own, kept in this browser. */
export function SavedViews({ statuses, filters, technicianId }: SavedViewsProps) {
  const { t } = useTranslation('console');
  const [stored, setStored] = useState<SavedView[]>(() => readStoredViews(browserStorage(), technicianId));
  const [isNaming, setIsNaming] = useState(false);
  const current = viewKey(filters);

  useEffect(() => {
    writeStoredViews(browserStorage(), technicianId, stored);
  }, [stored, technicianId]);

  const views = useMemo(() => {
    const open = statuses.filter((status) => !status.closed).map((status) => status.name);
    const defaults =
      open.length > 0
        ? defaultViews(open, {
            mine: t('views.mine'),
            unassigned: t('views.unassigned'),
            allOpen: t('views.allOpen'),
          })
        : [];
    return [...defaults, ...stored];
  }, [statuses, stored, t]);
  const active = views.find((view) => view.search === current);

  return (
    <nav className="views" aria-label={t('views.label')}>
      <ul className="views-list">
        {views.map((view) => (
          <li key={view.id} className="view">
            <Link
              to={view.search ? `/tickets?${view.search}` : '/tickets'}
              className="view-link"
              aria-current={view === active ? 'page' : undefined}
            >
              {view.name}
            </Link>
            {!view.builtin && (
              <button
                type="button"
                className="view-remove"
                aria-label={t('views.remove', { name: view.name })}
                onClick={() => setStored((previous) => previous.filter((v) => v.id !== view.id))}
              >
                ×
              </button>
            )}
          </li>
        ))}
        <li>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => setIsNaming(true)}
            disabled={current === '' || active !== undefined}
          >
            {t('views.save')}
          </button>
        </li>
      </ul>
      <NameViewDialog
        open={isNaming}
        onClose={() => setIsNaming(false)}
        onSave={(name) => {
          setStored((previous) => addView(previous, name, current, localId()));
          setIsNaming(false);
        }}
      />
    </nav>
  );
}

type NameViewDialogProps = { open: boolean; onClose: () => void; onSave: (name: string) => void };

function NameViewDialog({ open, onClose, onSave }: NameViewDialogProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(ts('validation.required'));
      input.current?.focus();
      return;
    }
    onSave(name);
    setName('');
    setError(undefined);
  };

  return (
    <Dialog open={open} title={t('views.dialogTitle')} onClose={onClose} initialFocus={input}>
      <form className="stack" onSubmit={submit} noValidate>
        <p className="muted">{t('views.dialogHint')}</p>
        <TextField
          ref={input}
          label={t('views.name')}
          value={name}
          maxLength={60}
          onChange={(event) => setName(event.target.value)}
          error={error}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t('views.saveButton')}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            {ts('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
