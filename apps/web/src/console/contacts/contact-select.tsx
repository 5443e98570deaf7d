import { PAGE_SIZE_MAX } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../lib/use-load';
import { Field } from '../../ui/field';
import { contactsApi } from './api';

type ContactSelectProps = {
  label: string;
  /** Only this customer's contacts are offered; without a customer there is nothing to choose. */
  customerId: string;
  value: string;
  onChange: (contactId: string) => void;
  error?: string | undefined;
  disabled?: boolean;
};

export function ContactSelect({ label, customerId, value, onChange, error, disabled }: ContactSelectProps) {
  const { t } = useTranslation('console');
  const contacts = useLoad(`contacts:${customerId}`, (signal) =>
    customerId
      ? contactsApi.list({ customerId, pageSize: PAGE_SIZE_MAX }, signal)
      : Promise.resolve({ items: [], total: 0 }),
  );
  const items = contacts.data?.items ?? [];
  return (
    <Field
      label={label}
      error={error ?? (contacts.error ? t('contacts.loadFailed') : undefined)}
      hint={customerId ? undefined : t('contacts.chooseCustomerFirst')}
    >
      {(control) => (
        <select
          {...control}
          value={value}
          disabled={disabled || !customerId}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{t('contacts.noContact')}</option>
          {items.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {t('contacts.option', { name: contact.name, email: contact.email })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
