import type { CustomField, Ticket } from '@atrium/shared';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { fromLocalInput, toLocalInput } from '../../lib/datetime';
import { useCached } from '../../lib/use-load';
import { CheckboxField, type ControlProps, Field } from '../../ui/field';
import { type SaveState, SaveStatus } from '../../ui/save-status';
import { Empty } from '../../ui/table';
import { ContactSelect } from '../contacts/contact-select';
import { customFieldsCache } from '../custom-fields/api';
import { CustomFieldInput } from '../custom-fields/custom-field-input';
import { type CustomFieldValue, isEmpty } from '../custom-fields/values';
import { statusesCache } from '../statuses/api';
import { impactOptions, priorityOptions, statusLabel, typeOptions } from './labels';
import { TechnicianSelect } from './technician-select';
import { useFieldSaves } from './use-field-saves';

type TicketFieldsProps = { ticket: Ticket; onSaved: (ticket: Ticket) => void };

/** The ticket's fields, each saved as soon as it changes. */
export function TicketFields({ ticket, onSaved }: TicketFieldsProps) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const statuses = useCached(statusesCache);
  const customFields = useCached(customFieldsCache);
  const { save, refuse, stateOf, drafts } = useFieldSaves(ticket, onSaved);
  const { t: ts } = useTranslation('shared');
  const shown = <K extends keyof Ticket>(key: K): Ticket[K] =>
    key in drafts ? (drafts[key] as Ticket[K]) : ticket[key];

  const statusOptions = (statuses.data ?? []).map((status) => status.name);
  if (!statusOptions.includes(ticket.status)) statusOptions.unshift(ticket.status);

  return (
    <aside className="ticket-panel" aria-label={t('ticketPage.fields')}>
      <h2 className="panel-title">{t('ticketPage.fields')}</h2>
      <PanelField label={t('ticketPage.status')} state={stateOf('status')}>
        {(control) => (
          <select
            {...control}
            value={shown('status')}
            onChange={(event) => void save('status', { status: event.target.value }, event.target.value)}
          >
            {statusOptions.map((name) => (
              <option key={name} value={name}>
                {statusLabel(t, name)}
              </option>
            ))}
          </select>
        )}
      </PanelField>
      <PanelField label={t('ticketPage.priority')} state={stateOf('priority')}>
        {(control) => (
          <select
            {...control}
            value={shown('priority')}
            onChange={(event) => {
              const priority = event.target.value as Ticket['priority'];
              void save('priority', { priority }, priority);
            }}
          >
            {priorityOptions(t).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </PanelField>
      <PanelField label={t('ticketPage.type')} state={stateOf('type')}>
        {(control) => (
          <select
            {...control}
            value={shown('type')}
            onChange={(event) => {
              const type = event.target.value as Ticket['type'];
              void save('type', { type }, type);
            }}
          >
            {typeOptions(t).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </PanelField>
      <PanelField label={t('ticketPage.impact')} state={stateOf('impact')}>
        {(control) => (
          <select
            {...control}
            value={shown('impact')}
            onChange={(event) => {
              const impact = event.target.value as Ticket['impact'];
              void save('impact', { impact }, impact);
            }}
          >
            {impactOptions(t).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </PanelField>
      <PanelField label={t('ticketPage.technician')} state={stateOf('technician')}>
        {(control) => (
          <TechnicianSelect
            {...control}
            current={ticket.technician}
            value={'technician' in drafts ? String(drafts.technician ?? '') : (ticket.technician?.id ?? '')}
            onChange={(technicianId) =>
              void save('technician', { technicianId: technicianId || null }, technicianId)
            }
          />
        )}
      </PanelField>
      <DueDateField
        ticket={ticket}
        state={stateOf('dueDate')}
        onSave={(dueDate) => void save('dueDate', { dueDate })}
      />
      <div className="field-with-status">
        <ContactSelect
          label={t('ticketPage.contact')}
          customerId={ticket.customer?.id ?? ''}
          value={'contact' in drafts ? String(drafts.contact ?? '') : (ticket.contact?.id ?? '')}
          onChange={(contactId) => void save('contact', { contactId: contactId || null }, contactId)}
        />
        <SaveStatus state={stateOf('contact')} />
      </div>
      {(customFields.data ?? []).map((field) => (
        <PanelCustomField
          key={field.id}
          field={field}
          ticket={ticket}
          draft={drafts[`customFields.${field.key}`]}
          hasDraft={`customFields.${field.key}` in drafts}
          state={stateOf(`customFields.${field.key}`)}
          onSave={(value) => {
            const key = `customFields.${field.key}`;
            if (field.required && isEmpty(field, value)) refuse(key, ts('validation.required'));
            else void save(key, { customFields: { ...ticket.customFields, [field.key]: value } }, value);
          }}
        />
      ))}
      <div className="field-with-status">
        <CheckboxField
          label={t('ticketPage.billed')}
          checked={'billed' in drafts ? drafts.billed === true : ticket.billed}
          hint={
            ticket.billedAt ? t('ticketPage.billedAt', { date: format.date(ticket.billedAt) }) : undefined
          }
          onChange={(event) => void save('billed', { billed: event.target.checked }, event.target.checked)}
        />
        <SaveStatus state={stateOf('billed')} />
      </div>
      <dl className="panel-facts">
        <dt>{t('ticketPage.customer')}</dt>
        <dd>
          {ticket.customer ? (
            <Link to={`/customers/${ticket.customer.id}`}>{ticket.customer.name}</Link>
          ) : (
            <Empty />
          )}
        </dd>
        <dt>{t('ticketPage.requester')}</dt>
        <dd>
          {ticket.contact ? (
            <Link to={`/contacts/${ticket.contact.id}`}>{ticket.contact.name}</Link>
          ) : (
            <span className="muted">{t('ticketPage.noContact')}</span>
          )}
        </dd>
        <dt>{t('ticketPage.source')}</dt>
        <dd>{t(`ticket.sources.${ticket.source}`)}</dd>
        <dt>{t('ticketPage.created')}</dt>
        <dd>{format.date(ticket.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
        <dt>{t('ticketPage.updated')}</dt>
        <dd>{format.date(ticket.updatedAt, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
      </dl>
    </aside>
  );
}

type PanelFieldProps = { label: string; state: SaveState; children: (control: ControlProps) => ReactNode };

function PanelField({ label, state, children }: PanelFieldProps) {
  return (
    <div className="field-with-status">
      <Field label={label}>{children}</Field>
      <SaveStatus state={state} />
    </div>
  );
}

type DueDateFieldProps = { ticket: Ticket; state: SaveState; onSave: (dueDate: string | null) => void };

/** Saved when the field is left (or on Enter), not at each keystroke of the date. */
function DueDateField({ ticket, state, onSave }: DueDateFieldProps) {
  const { t } = useTranslation('console');
  const [value, setValue] = useState(toLocalInput(ticket.dueDate));
  useEffect(() => setValue(toLocalInput(ticket.dueDate)), [ticket.dueDate]);
  const commit = () => {
    const next = fromLocalInput(value);
    const current = ticket.dueDate ? new Date(ticket.dueDate).toISOString() : null;
    if (next !== current) onSave(next);
  };
  return (
    <PanelField label={t('ticketPage.dueDate')} state={state}>
      {(control) => (
        <input
          {...control}
          type="datetime-local"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commit();
            }
          }}
        />
      )}
    </PanelField>
  );
}

type PanelCustomFieldProps = {
  field: CustomField;
  ticket: Ticket;
  draft: unknown;
  hasDraft: boolean;
  state: SaveState;
  onSave: (value: CustomFieldValue) => void;
};

/** Lists and checkboxes save at once; typed values (text, number, date) when the field is left. */
function PanelCustomField({ field, ticket, draft, hasDraft, state, onSave }: PanelCustomFieldProps) {
  const stored = ticket.customFields[field.key] ?? null;
  const [typed, setTyped] = useState<{ value: CustomFieldValue } | null>(null);
  const shown = typed ? typed.value : hasDraft ? (draft as CustomFieldValue) : stored;
  const commit = (value: CustomFieldValue) => {
    if (value !== stored) onSave(value);
  };
  return (
    <CustomFieldInput
      field={field}
      value={shown}
      onChange={(value) => {
        if (field.type === 'select' || field.type === 'checkbox') commit(value);
        else setTyped({ value });
      }}
      onBlur={() => {
        if (!typed) return;
        setTyped(null);
        commit(typed.value);
      }}
      status={<SaveStatus state={state} />}
    />
  );
}
