import { type Customer, PAGE_SIZE_MAX } from '@atrium/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useDebounced, useLoad } from '../../lib/use-load';
import { customersApi } from '../customers/api';

export type CustomerScope = 'all' | string[];

type CustomerScopeProps = {
  /** Names the group: "Who gets ticketing". */
  legend: string;
  value: CustomerScope;
  onChange: (value: CustomerScope) => void;
  error?: string | undefined;
};

/** "All customers", or a chosen list of them. */
export function CustomerScopeField({ legend, value, onChange, error }: CustomerScopeProps) {
  const { t } = useTranslation('console');
  const name = useId();
  const errorId = useId();
  return (
    <fieldset className="scope" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="radio-row">
        <label className="check">
          <input type="radio" name={name} checked={value === 'all'} onChange={() => onChange('all')} />
          {t('portalSettings.allCustomers')}
        </label>
        <label className="check">
          <input type="radio" name={name} checked={value !== 'all'} onChange={() => onChange([])} />
          {t('portalSettings.selectedCustomers')}
        </label>
      </div>
      {value !== 'all' && <CustomerChecklist selected={value} onChange={onChange} />}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

type ChecklistProps = { selected: string[]; onChange: (value: string[]) => void };

/** A searchable list of checkboxes; the chosen customers stay listed above the results. */
function CustomerChecklist({ selected, onChange }: ChecklistProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const format = useFormat();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const results = useLoad(`scope:${q}`, (signal) =>
    customersApi.list({ q, pageSize: PAGE_SIZE_MAX }, signal),
  );
  const [known, setKnown] = useState<Record<string, string>>({});
  const items = results.data?.items ?? [];
  const names: Record<string, string> = { ...known };
  for (const customer of items) names[customer.id] = customer.name;
  const unknown = selected.filter((id) => !(id in names));
  // Chosen customers that are not in the current results: look their names up once.
  useLoad(`names:${unknown.join(',')}`, async (signal) => {
    if (unknown.length === 0) return null;
    const found = await Promise.all(
      unknown.map((id) => customersApi.get(id, signal).catch((): Customer | null => null)),
    );
    setKnown((previous) => {
      const next = { ...previous };
      unknown.forEach((id, index) => {
        next[id] = found[index]?.name ?? t('portalSettings.unknownCustomer');
      });
      return next;
    });
    return null;
  });

  const toggle = (id: string, checked: boolean) => {
    onChange(checked ? [...selected, id] : selected.filter((other) => other !== id));
  };
  const chosen = new Set(selected);
  const others = items.filter((customer) => !chosen.has(customer.id));

  return (
    <div className="checklist">
      <label htmlFor={searchId} className="visually-hidden">
        {t('portalSettings.searchCustomers')}
      </label>
      <input
        id={searchId}
        type="search"
        placeholder={t('portalSettings.searchCustomers')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <p className="muted" role="status">
        {t('portalSettings.selectedCount', {
          count: selected.length,
          formatted: format.number(selected.length),
        })}
      </p>
      <ul className="checklist-items">
        {selected.map((id) => (
          <li key={id}>
            <label className="check">
              <input type="checkbox" checked onChange={(event) => toggle(id, event.target.checked)} />
              {names[id] ?? ts('common.loading')}
            </label>
          </li>
        ))}
        {others.map((customer) => (
          <li key={customer.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={false}
                onChange={(event) => toggle(customer.id, event.target.checked)}
              />
              {customer.name}
            </label>
          </li>
        ))}
      </ul>
      {results.data && results.data.total > items.length && (
        <p className="field-hint">{t('portalSettings.moreCustomers')}</p>
      )}
    </div>
  );
}
