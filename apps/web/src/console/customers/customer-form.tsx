import { type Customer, type CustomerCreate, CustomerCreateSchema, DomainSchema } from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblemAlert, TextAreaField, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { addEntries, splitEntries, TagInput } from '../../ui/tag-input';

type CustomerFormProps = {
  customer?: Customer;
  submitLabel: string;
  send: (body: CustomerCreate) => Promise<Customer>;
  onSaved: (customer: Customer) => void;
};

/** Lower-case and trimmed as the server stores them, so duplicates are seen while typing. */
const normalizeDomain = (value: string) => {
  const parsed = DomainSchema.safeParse(value);
  return parsed.success ? parsed.data : value.trim().toLowerCase();
};

/** Create and edit a customer; a domain another customer has is shown with the server's message. */
export function CustomerForm({ customer, submitLabel, send, onSaved }: CustomerFormProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [name, setName] = useState(customer?.name ?? '');
  const [domains, setDomains] = useState<string[]>(customer?.domains ?? []);
  const [domainDraft, setDomainDraft] = useState('');
  const [phone, setPhone] = useState(customer?.phone ?? '');
  const [address, setAddress] = useState(customer?.address ?? '');
  const [notes, setNotes] = useState(customer?.notes ?? '');
  const [saved, setSaved] = useState(false);

  const form = useSubmit(
    {
      schema: CustomerCreateSchema,
      send,
      onSuccess: (result) => {
        setSaved(true);
        onSaved(result);
      },
      fieldForCode: { domain_taken: 'domains' },
      // The message names the customer that has the domain already.
      serverMessageCodes: ['domain_taken'],
    },
    ts,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setSaved(false);
    // What is still in the domain box counts, as if Enter had been pressed.
    const allDomains = addEntries(domains, splitEntries(domainDraft, normalizeDomain));
    setDomains(allDomains);
    setDomainDraft('');
    void form.submit({
      name,
      domains: allDomains,
      phone: phone.trim() || null,
      address: address.trim() || null,
      notes: notes.trim() || null,
    });
  };

  return (
    <form ref={form.formRef} className="form" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <TextField
        label={t('customerForm.name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldError(form.errors, 'name')}
        autoComplete="organization"
        required
      />
      <TagInput
        label={t('customerForm.domains')}
        listLabel={t('customerForm.domainList')}
        values={domains}
        onChange={setDomains}
        draft={domainDraft}
        onDraftChange={setDomainDraft}
        normalize={normalizeDomain}
        hint={t('customerForm.domainsHint')}
        error={fieldError(form.errors, 'domains')}
      />
      <TextField
        label={t('customerForm.phone')}
        type="tel"
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        error={fieldError(form.errors, 'phone')}
      />
      <TextAreaField
        label={t('customerForm.address')}
        value={address}
        rows={3}
        onChange={(event) => setAddress(event.target.value)}
        error={fieldError(form.errors, 'address')}
      />
      <TextAreaField
        label={t('customerForm.notes')}
        hint={t('customerForm.notesHint')}
        value={notes}
        rows={4}
        onChange={(event) => setNotes(event.target.value)}
        error={fieldError(form.errors, 'notes')}
      />
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {submitLabel}
        </button>
        <span role="status" className="form-status">
          {saved && customer ? t('customerForm.saved') : ''}
        </span>
      </div>
    </form>
  );
}
