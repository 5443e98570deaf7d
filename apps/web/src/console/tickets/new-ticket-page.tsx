import {
  type CustomFieldValues,
  type TICKET_IMPACTS,
  type TICKET_PRIORITIES,
  type TICKET_TYPES,
  type TicketCreate,
  TicketCreateSchema,
} from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fromLocalInput } from '../../lib/datetime';
import { useCached } from '../../lib/use-load';
import { Field, FormProblemAlert, SelectField, TextAreaField, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { Page } from '../../ui/page';
import { ContactSelect } from '../contacts/contact-select';
import { customFieldsCache } from '../custom-fields/api';
import { CustomFieldInput } from '../custom-fields/custom-field-input';
import { isEmpty, valuesToSend } from '../custom-fields/values';
import { CustomerSelect } from '../customers/customer-select';
import { statusesCache } from '../statuses/api';
import { ticketsApi } from './api';
import { impactOptions, priorityOptions, statusLabel, typeOptions } from './labels';
import { TechnicianSelect } from './technician-select';

type Draft = {
  customerId: string;
  contactId: string;
  title: string;
  description: string;
  priority: (typeof TICKET_PRIORITIES)[number];
  type: (typeof TICKET_TYPES)[number];
  impact: (typeof TICKET_IMPACTS)[number];
  status: string;
  technicianId: string;
  dueDate: string;
  customFields: CustomFieldValues;
};

export function NewTicketPage() {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const statuses = useCached(statusesCache);
  const customFields = useCached(customFieldsCache);
  const requiredFields = (customFields.data ?? []).filter((field) => field.required);
  const [draft, setDraft] = useState<Draft>({
    customerId: params.get('customerId') ?? '',
    contactId: params.get('contactId') ?? '',
    title: '',
    description: '',
    priority: 'Medium',
    type: 'Problem',
    impact: 'None',
    status: '',
    technicianId: '',
    dueDate: '',
    customFields: {},
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const form = useSubmit(
    {
      schema: TicketCreateSchema,
      send: (body: TicketCreate) => ticketsApi.create(body),
      // The schema cannot know which custom fields are required: that is the admins' setting.
      check: () => {
        const missing: Record<string, string> = {};
        for (const field of requiredFields) {
          if (isEmpty(field, draft.customFields[field.key])) {
            missing[`customFields.${field.key}`] = ts('validation.required');
          }
        }
        return missing;
      },
      onSuccess: (ticket) => void navigate(`/tickets/${ticket.id}`),
    },
    ts,
  );
  const { errors } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    const firstStatus = statuses.data?.find((status) => !status.closed)?.name;
    void form.submit({
      customerId: draft.customerId,
      contactId: draft.contactId || null,
      title: draft.title,
      description: draft.description,
      priority: draft.priority,
      type: draft.type,
      impact: draft.impact,
      ...(draft.status || firstStatus ? { status: draft.status || firstStatus } : {}),
      technicianId: draft.technicianId || null,
      dueDate: fromLocalInput(draft.dueDate),
      customFields: valuesToSend(customFields.data ?? [], draft.customFields),
    });
  };

  return (
    <Page title={t('newTicket.title')} back={<Link to="/tickets">{t('newTicket.back')}</Link>}>
      <form ref={form.formRef} className="form form-wide" onSubmit={submit} noValidate>
        <FormProblemAlert problem={form.problem} />
        <div className="form-grid">
          <CustomerSelect
            label={t('newTicket.customer')}
            emptyLabel={t('newTicket.chooseCustomer')}
            value={draft.customerId}
            onChange={(customerId) => setDraft((d) => ({ ...d, customerId, contactId: '' }))}
            error={fieldError(errors, 'customerId')}
          />
          <ContactSelect
            label={t('newTicket.contact')}
            customerId={draft.customerId}
            value={draft.contactId}
            onChange={(contactId) => set('contactId', contactId)}
            error={fieldError(errors, 'contactId')}
          />
        </div>
        <TextField
          label={t('newTicket.titleLabel')}
          value={draft.title}
          onChange={(event) => set('title', event.target.value)}
          error={fieldError(errors, 'title')}
          maxLength={200}
          required
        />
        <TextAreaField
          label={t('newTicket.description')}
          hint={t('newTicket.markdownHint')}
          value={draft.description}
          onChange={(event) => set('description', event.target.value)}
          error={fieldError(errors, 'description')}
          rows={8}
        />
        <div className="form-grid form-grid-4">
          <SelectField
            label={t('newTicket.priority')}
            options={priorityOptions(t)}
            value={draft.priority}
            onChange={(event) => set('priority', event.target.value as Draft['priority'])}
            error={fieldError(errors, 'priority')}
          />
          <SelectField
            label={t('newTicket.type')}
            options={typeOptions(t)}
            value={draft.type}
            onChange={(event) => set('type', event.target.value as Draft['type'])}
            error={fieldError(errors, 'type')}
          />
          <SelectField
            label={t('newTicket.impact')}
            options={impactOptions(t)}
            value={draft.impact}
            onChange={(event) => set('impact', event.target.value as Draft['impact'])}
            error={fieldError(errors, 'impact')}
          />
          <SelectField
            label={t('newTicket.status')}
            options={(statuses.data ?? []).map((status) => ({
              value: status.name,
              label: statusLabel(t, status.name),
            }))}
            value={draft.status || statuses.data?.find((status) => !status.closed)?.name || ''}
            onChange={(event) => set('status', event.target.value)}
            error={fieldError(errors, 'status')}
          />
        </div>
        <div className="form-grid">
          <Field label={t('newTicket.technician')} error={fieldError(errors, 'technicianId')}>
            {(control) => (
              <TechnicianSelect
                {...control}
                value={draft.technicianId}
                onChange={(technicianId) => set('technicianId', technicianId)}
              />
            )}
          </Field>
          <TextField
            label={t('newTicket.dueDate')}
            type="datetime-local"
            value={draft.dueDate}
            onChange={(event) => set('dueDate', event.target.value)}
            error={fieldError(errors, 'dueDate')}
          />
        </div>
        {requiredFields.length > 0 && (
          <fieldset className="fieldset">
            <legend>{t('newTicket.customFields')}</legend>
            <div className="form-grid">
              {requiredFields.map((field) => (
                <CustomFieldInput
                  key={field.id}
                  field={field}
                  value={draft.customFields[field.key]}
                  onChange={(value) =>
                    setDraft((d) => ({ ...d, customFields: { ...d.customFields, [field.key]: value } }))
                  }
                  error={fieldError(errors, `customFields.${field.key}`)}
                />
              ))}
            </div>
          </fieldset>
        )}
        <div className="actions">
          <button type="submit" className="button" aria-busy={form.isPending}>
            {t('newTicket.submit')}
          </button>
          <Link to="/tickets" className="button button-quiet">
            {ts('common.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
