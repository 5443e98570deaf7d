import {
  type PortalMe,
  type PortalTicket,
  type PortalTicketUpdate,
  TICKET_IMPACTS,
  TICKET_PRIORITIES,
  TICKET_TYPES,
} from '@atrium/shared';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { errorCode } from '../../lib/api';
import { ErrorAlert } from '../../ui/error-alert';
import { portalApi } from '../api';
import { localized, useLanguage } from '../common/localized';
import { CustomFieldControl } from './custom-field-control';
import {
  type ControlValue,
  type CustomFieldDefinition,
  checkCustomField,
  dayAsDate,
  fromDayInput,
  toApiValue,
  toControlValue,
  toDayInput,
} from './field-values';
import { useValueLabels, type ValueLabels } from './labels';
import { StatusBadge } from './ticket-list';

/** The choice fields a contact may be allowed to change, with their values in order. */
const CHOICE_FIELDS = {
  priority: TICKET_PRIORITIES,
  type: TICKET_TYPES,
  impact: TICKET_IMPACTS,
} as const;
type ChoiceField = keyof typeof CHOICE_FIELDS;

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; code: string };

type TicketDetailsProps = {
  me: PortalMe;
  ticket: PortalTicket;
  onSaved: (ticket: PortalTicket) => void;
  /** A save was refused because the ticket changed meanwhile (billed, say): load it again. */
  onStale: () => void;
};

/**
 * The ticket's fields that this contact may see (a hidden field is absent from the ticket), and, when
 * the ticket may be changed, the editable ones as controls that save as soon as they change.
 */
export function TicketDetails({ me, ticket, onSaved, onStale }: TicketDetailsProps) {
  const { t } = useTranslation('portal');
  const { t: tShared } = useTranslation('shared');
  const format = useFormat();
  const language = useLanguage();
  const labels = useValueLabels();
  const headingId = useId();
  const dueDateId = useId();
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [pending, setPending] = useState<Partial<Record<ChoiceField, string>>>({});
  const [dueDraft, setDueDraft] = useState<string | null>(null);
  const [customDrafts, setCustomDrafts] = useState<Record<string, ControlValue>>({});
  const [customErrors, setCustomErrors] = useState<Record<string, string>>({});

  const canEdit = ticket.permissions.edit;
  const editable = (field: ChoiceField | 'dueDate') =>
    canEdit && me.fields[field] === 'edit' && ticket[field] !== undefined;

  async function patch(body: PortalTicketUpdate): Promise<boolean> {
    setSave({ kind: 'saving' });
    try {
      onSaved(await portalApi.updateTicket(ticket.id, body));
      setSave({ kind: 'saved' });
      return true;
    } catch (error) {
      const code = errorCode(error);
      setSave({ kind: 'failed', code });
      if (code === 'ticket_billed' || code === 'rule_refused') onStale();
      return false;
    }
  }

  const changeChoice = (field: ChoiceField, value: string) => {
    setPending((previous) => ({ ...previous, [field]: value }));
    void patch({ [field]: value }).then(() => setPending(({ [field]: _done, ...rest }) => rest));
  };

  const commitDueDate = () => {
    if (dueDraft === null || dueDraft === toDayInput(ticket.dueDate)) return;
    // An incomplete date typed by hand is not a change yet.
    if (dueDraft !== '' && fromDayInput(dueDraft) === null) return;
    void patch({ dueDate: fromDayInput(dueDraft) }).then((isSaved) => {
      if (isSaved) setDueDraft(null);
    });
  };

  const commitCustom = (definition: CustomFieldDefinition, value: ControlValue) => {
    const stored = toControlValue(definition, ticket.customFields[definition.key]);
    if (value === stored) return;
    const problem = checkCustomField(definition, value);
    if (problem) {
      setCustomErrors((previous) => ({
        ...previous,
        [definition.key]:
          problem === 'number' ? tShared('validation.number') : tShared('validation.required'),
      }));
      return;
    }
    setCustomErrors(({ [definition.key]: _cleared, ...rest }) => rest);
    void patch({ customFields: { [definition.key]: toApiValue(definition, value) } }).then((isSaved) => {
      if (isSaved) setCustomDrafts(({ [definition.key]: _saved, ...rest }) => rest);
    });
  };

  const readOnly: { label: string; value: ReactNode }[] = [];
  if (ticket.status !== undefined) {
    readOnly.push({
      label: t('fields.status'),
      value: <StatusBadge status={ticket.status} label={labels.status(ticket.status)} />,
    });
  }
  for (const field of Object.keys(CHOICE_FIELDS) as ChoiceField[]) {
    const value = ticket[field];
    if (value !== undefined && !editable(field)) {
      readOnly.push({ label: fieldLabel(t, field), value: choiceLabel(labels, field, value) });
    }
  }
  if (ticket.technician !== undefined) {
    readOnly.push({
      label: t('fields.technician'),
      value: ticket.technician?.name ?? t('fields.unassigned'),
    });
  }
  if (ticket.dueDate !== undefined && !editable('dueDate')) {
    readOnly.push({
      label: t('fields.dueDate'),
      value: ticket.dueDate ? format.date(ticket.dueDate, { dateStyle: 'medium' }) : t('fields.notSet'),
    });
  }
  if (ticket.contact) readOnly.push({ label: t('fields.requester'), value: ticket.contact.name });
  readOnly.push({
    label: t('fields.createdAt'),
    value: format.date(ticket.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
  });
  readOnly.push({
    label: t('fields.updatedAt'),
    value: format.date(ticket.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }),
  });
  // Custom fields reach the portal only when contacts may edit them.
  const customFields = me.customFields.filter(
    (definition) => canEdit || ticket.customFields[definition.key] !== undefined,
  );
  if (!canEdit) {
    for (const definition of customFields) {
      readOnly.push({
        label: localized(definition.label, language),
        value: customValueText(definition, ticket.customFields[definition.key] ?? null),
      });
    }
  }

  function customValueText(
    definition: CustomFieldDefinition,
    value: string | number | boolean | null,
  ): string {
    if (value === null || value === '') return t('fields.notSet');
    if (definition.type === 'checkbox') return value === true ? t('fields.yes') : t('fields.no');
    if (definition.type === 'number' && typeof value === 'number') return format.number(value);
    if (definition.type === 'date' && typeof value === 'string') {
      const day = dayAsDate(value);
      return day ? format.date(day, { dateStyle: 'medium' }) : value;
    }
    if (definition.type === 'select') {
      const option = definition.options.find((candidate) => candidate.value === value);
      return option ? localized(option.label, language) : String(value);
    }
    return String(value);
  }

  const editableChoices = (Object.keys(CHOICE_FIELDS) as ChoiceField[]).filter(editable);
  const hasControls =
    editableChoices.length > 0 || editable('dueDate') || (canEdit && customFields.length > 0);

  return (
    <section className="portal-details" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ticket.details')}</h2>
      <dl className="portal-detail-list">
        {readOnly.map((entry) => (
          <div key={entry.label}>
            <dt>{entry.label}</dt>
            <dd>{entry.value}</dd>
          </div>
        ))}
      </dl>
      {hasControls && (
        <div className="portal-detail-controls stack">
          {editableChoices.map((field) => (
            <ChoiceControl
              key={field}
              label={fieldLabel(t, field)}
              options={CHOICE_FIELDS[field]}
              optionLabel={(value) => choiceLabel(labels, field, value)}
              value={pending[field] ?? ticket[field] ?? ''}
              onChange={(value) => changeChoice(field, value)}
            />
          ))}
          {editable('dueDate') && (
            <div className="field">
              <label htmlFor={dueDateId}>{t('fields.dueDate')}</label>
              <input
                id={dueDateId}
                type="date"
                value={dueDraft ?? toDayInput(ticket.dueDate)}
                onChange={(event) => setDueDraft(event.target.value)}
                onBlur={commitDueDate}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') commitDueDate();
                }}
              />
            </div>
          )}
          {canEdit &&
            customFields.map((definition) => {
              const value =
                customDrafts[definition.key] ??
                toControlValue(definition, ticket.customFields[definition.key]);
              const immediate = definition.type === 'select' || definition.type === 'checkbox';
              return (
                <CustomFieldControl
                  key={definition.key}
                  definition={definition}
                  language={language}
                  value={value}
                  emptyLabel={t('fields.notSet')}
                  error={customErrors[definition.key]}
                  onChange={(next) => {
                    setCustomDrafts((previous) => ({ ...previous, [definition.key]: next }));
                    if (immediate) commitCustom(definition, next);
                  }}
                  onCommit={() => commitCustom(definition, value)}
                />
              );
            })}
        </div>
      )}
      {save.kind === 'failed' && <ErrorAlert code={save.code} />}
      <p role="status" className="portal-save-status muted">
        {save.kind === 'saving' ? tShared('common.saving') : save.kind === 'saved' ? t('ticket.saved') : ''}
      </p>
    </section>
  );
}

type ChoiceControlProps = {
  label: string;
  options: readonly string[];
  optionLabel: (value: string) => string;
  value: string;
  onChange: (value: string) => void;
};

function ChoiceControl({ label, options, optionLabel, value, onChange }: ChoiceControlProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {/* A value set by a technician that the list does not have stays visible. */}
        {!options.includes(value) && <option value={value}>{optionLabel(value)}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation<'portal'>>['t'];

export function fieldLabel(t: Translate, field: ChoiceField): string {
  if (field === 'priority') return t('fields.priority');
  if (field === 'type') return t('fields.type');
  return t('fields.impact');
}

export function choiceLabel(labels: ValueLabels, field: ChoiceField, value: string): string {
  return labels[field](value);
}
