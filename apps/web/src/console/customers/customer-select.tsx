import { PAGE_SIZE_MAX } from '@atrium/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced, useLoad } from '../../lib/use-load';
import { Field } from '../../ui/field';
import { customersApi } from './api';

type CustomerSelectProps = {
  label: string;
  value: string;
  onChange: (customerId: string) => void;
  /** The first option, meaning "no customer": "Choose a customer", "All customers". */
  emptyLabel: string;
  error?: string | undefined;
  hint?: string;
  className?: string;
};

/**
 * A native select of customers (type-ahead, works with every assistive technology). With more
 * customers than one page holds, a search box narrows the list on the server.
 */
export function CustomerSelect({
  label,
  value,
  onChange,
  emptyLabel,
  error,
  hint,
  className,
}: CustomerSelectProps) {
  const { t } = useTranslation('console');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useLoad(`customers:${q}`, (signal) =>
    customersApi.list({ q, pageSize: PAGE_SIZE_MAX }, signal),
  );
  const items = list.data?.items ?? [];
  const isListed = value === '' || items.some((customer) => customer.id === value);
  // The chosen customer stays an option while a search shows others.
  const chosen = useLoad(`customer:${isListed ? '' : value}`, (signal) =>
    isListed ? Promise.resolve(null) : customersApi.get(value, signal),
  );
  const hasMore = q !== '' || (list.data?.total ?? 0) > items.length;

  return (
    <div className={`customer-select ${className ?? ''}`.trim()}>
      <Field label={label} error={error ?? (list.error ? t('customers.loadFailed') : undefined)} hint={hint}>
        {(control) => (
          <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
            <option value="">{emptyLabel}</option>
            {!isListed && chosen.data && <option value={chosen.data.id}>{chosen.data.name}</option>}
            {items.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {hasMore && (
        <Field label={t('customers.searchByName')} className="field-compact">
          {(control) => (
            <input
              {...control}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          )}
        </Field>
      )}
    </div>
  );
}
