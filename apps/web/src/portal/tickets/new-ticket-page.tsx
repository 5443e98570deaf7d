import {
  LIMITS,
  type PortalMe,
  type PortalTicketCreate,
  PortalTicketCreateSchema,
  TICKET_IMPACTS,
  TICKET_PRIORITIES,
  TICKET_TYPES,
} from '@atrium/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorCode } from '../../lib/api';
import { ErrorAlert } from '../../ui/error-alert';
import { Page } from '../../ui/page';
import { portalApi } from '../api';
import { Unavailable } from '../common/load-state';
import { useLanguage } from '../common/localized';
import { ArticleSuggestions } from '../kb/article-suggestions';
import { CustomFieldControl, FieldLabel } from './custom-field-control';
import {
  type ControlValue,
  checkCustomField,
  fromDayInput,
  toApiValue,
  toControlValue,
} from './field-values';
import { FilePicker } from './file-picker';
import { useValueLabels } from './labels';
import { fieldLabel } from './ticket-details';
import type { TicketPageNotice } from './ticket-page';

const CHOICES = { priority: TICKET_PRIORITIES, type: TICKET_TYPES, impact: TICKET_IMPACTS } as const;
type Choice = keyof typeof CHOICES;

type Errors = Partial<Record<string, string>>;

type NewTicketPageProps = { me: PortalMe };

export function NewTicketPage({ me }: NewTicketPageProps) {
  const { t } = useTranslation('portal');
  if (!me.features.newTicket) {
    return (
      <Page title={t('newTicket.title')}>
        <Unavailable />
      </Page>
    );
  }
  return <NewTicketForm me={me} />;
}

function NewTicketForm({ me }: NewTicketPageProps) {
  const { t } = useTranslation('portal');
  const { t: tShared } = useTranslation('shared');
  const navigate = useNavigate();
  const language = useLanguage();
  const labels = useValueLabels();
  const ids = { title: useId(), description: useId(), dueDate: useId(), hint: useId(), errors: useId() };
  const errorId = (field: string) => `${ids.errors}-${field}`;
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [choices, setChoices] = useState<Partial<Record<Choice, string>>>({});
  const [dueDate, setDueDate] = useState('');
  const [custom, setCustom] = useState<Record<string, ControlValue>>(() =>
    Object.fromEntries(
      me.customFields.map((definition) => [definition.key, toControlValue(definition, null)]),
    ),
  );
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [focusError, setFocusError] = useState(0);

  // After a refused submit, the first field to fix gets the focus.
  useEffect(() => {
    if (focusError === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const editableChoices = (Object.keys(CHOICES) as Choice[]).filter((field) => me.fields[field] === 'edit');
  const canSetDueDate = me.fields.dueDate === 'edit';

  function validate(): { input: PortalTicketCreate; errors: Errors } {
    const found: Errors = {};
    const customFields: Record<string, unknown> = {};
    for (const definition of me.customFields) {
      const value = custom[definition.key] ?? toControlValue(definition, null);
      const problem = checkCustomField(definition, value);
      if (problem) {
        found[`custom.${definition.key}`] =
          problem === 'number' ? tShared('validation.number') : tShared('validation.required');
        continue;
      }
      const apiValue = toApiValue(definition, value);
      if (apiValue !== null && apiValue !== undefined) customFields[definition.key] = apiValue;
    }
    const candidate = {
      title,
      description,
      ...Object.fromEntries(
        editableChoices.flatMap((field) => (choices[field] ? [[field, choices[field]]] : [])),
      ),
      ...(canSetDueDate && fromDayInput(dueDate) ? { dueDate: fromDayInput(dueDate) } : {}),
      ...(Object.keys(customFields).length > 0 ? { customFields } : {}),
    };
    const parsed = PortalTicketCreateSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (found[field]) continue;
        found[field] =
          issue.code === 'too_big'
            ? tShared('validation.tooLong', { maximum: LIMITS.title })
            : tShared('validation.required');
      }
    }
    return { input: parsed.success ? parsed.data : (candidate as PortalTicketCreate), errors: found };
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isSending) return;
    const { input, errors: found } = validate();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      setFocusError((n) => n + 1);
      return;
    }
    setIsSending(true);
    try {
      const ticket = await portalApi.createTicket(input, files);
      void navigate(`/tickets/${ticket.id}`, { state: { notice: 'created' } satisfies TicketPageNotice });
    } catch (error) {
      setFailure(errorCode(error));
      setIsSending(false);
      setFocusError((n) => n + 1);
    }
  };

  const errorLine = (field: string) =>
    errors[field] && (
      <p id={errorId(field)} className="portal-field-error">
        {errors[field]}
      </p>
    );
  const invalid = (field: string) =>
    errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': errorId(field) } : {};

  return (
    <Page title={t('newTicket.title')}>
      <p className="lead">{t('newTicket.intro')}</p>
      <form ref={form} className="portal-form stack" onSubmit={(event) => void submit(event)} noValidate>
        <p id={ids.hint} className="muted">
          {t('newTicket.requiredHint')}
        </p>
        {failure && <ErrorAlert code={failure} />}
        <div className="field">
          <FieldLabel htmlFor={ids.title} required>
            {t('newTicket.titleLabel')}
          </FieldLabel>
          <input
            id={ids.title}
            value={title}
            maxLength={LIMITS.title}
            required
            autoComplete="off"
            {...invalid('title')}
            onChange={(event) => setTitle(event.target.value)}
          />
          {errorLine('title')}
        </div>
        {me.features.knowledgeBase && <ArticleSuggestions text={title} />}
        <div className="field">
          <FieldLabel htmlFor={ids.description} required>
            {t('newTicket.descriptionLabel')}
          </FieldLabel>
          <textarea
            id={ids.description}
            rows={8}
            value={description}
            required
            aria-describedby={`${ids.description}-hint${errors.description ? ` ${errorId('description')}` : ''}`}
            aria-invalid={errors.description ? true : undefined}
            onChange={(event) => setDescription(event.target.value)}
          />
          <p id={`${ids.description}-hint`} className="field-hint">
            {t('newTicket.descriptionHint')}
          </p>
          {errorLine('description')}
        </div>

        {(editableChoices.length > 0 || canSetDueDate) && (
          <div className="portal-form-grid">
            {editableChoices.map((field) => (
              <ChoiceSelect
                key={field}
                label={fieldLabel(t, field)}
                emptyLabel={t('newTicket.noChoice')}
                options={CHOICES[field]}
                optionLabel={(value) => labels[field](value)}
                value={choices[field] ?? ''}
                onChange={(value) => setChoices((previous) => ({ ...previous, [field]: value }))}
              />
            ))}
            {canSetDueDate && (
              <div className="field">
                <label htmlFor={ids.dueDate}>{t('fields.dueDate')}</label>
                <input
                  id={ids.dueDate}
                  type="date"
                  value={dueDate}
                  onChange={(event) => setDueDate(event.target.value)}
                />
              </div>
            )}
          </div>
        )}

        {me.customFields.map((definition) => (
          <CustomFieldControl
            key={definition.key}
            definition={definition}
            language={language}
            value={custom[definition.key] ?? toControlValue(definition, null)}
            emptyLabel={t('newTicket.noChoice')}
            error={errors[`custom.${definition.key}`]}
            onChange={(value) => setCustom((previous) => ({ ...previous, [definition.key]: value }))}
          />
        ))}

        <FilePicker label={t('files.label')} files={files} onChange={setFiles} disabled={isSending} />

        <div className="portal-form-actions">
          <button type="submit" className="button" aria-busy={isSending}>
            {t('newTicket.submit')}
          </button>
          <p role="status" className="muted">
            {isSending ? t('newTicket.sending') : ''}
          </p>
        </div>
      </form>
    </Page>
  );
}

type ChoiceSelectProps = {
  label: string;
  emptyLabel: string;
  options: readonly string[];
  optionLabel: (value: string) => string;
  value: string;
  onChange: (value: string) => void;
};

function ChoiceSelect({ label, emptyLabel, options, optionLabel, value, onChange }: ChoiceSelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{emptyLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}
