import {
  CUSTOM_FIELD_TYPES,
  type CustomField,
  CustomFieldCreateSchema,
  type CustomFieldType,
  CustomFieldUpdateSchema,
} from '@atrium/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { localId } from '../../lib/local-id';
import { useCached } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { CheckboxField, FormProblemAlert, SelectField, TextField } from '../../ui/field';
import { type FieldErrors, fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { fromDraft, type LocalizedDraft, LocalizedTextFields, toDraft } from '../localized-text-fields';
import { customFieldsApi, customFieldsCache } from './api';

/** `/admin/custom-fields/new` and `/admin/custom-fields/:id`. */
export function CustomFieldFormPage() {
  const { t } = useTranslation('console');
  const { id } = useParams();
  const fields = useCached(customFieldsCache);
  const back = <Link to="/admin/custom-fields">{t('customFieldsAdmin.back')}</Link>;
  if (!id) return <CustomFieldForm back={back} />;
  const field = fields.data?.find((candidate) => candidate.id === id);
  if (!field) {
    return (
      <Page title={t('customFieldsAdmin.loadingTitle')} back={back}>
        <LoadState load={fields} />
        {fields.data && <p>{t('customFieldsAdmin.notFound')}</p>}
      </Page>
    );
  }
  return <CustomFieldForm key={field.id} field={field} back={back} />;
}

type OptionDraft = { id: string; value: string; label: LocalizedDraft };

function CustomFieldForm({ field, back }: { field?: CustomField; back: ReactNode }) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const navigate = useNavigate();
  const [key, setKey] = useState(field?.key ?? '');
  const [label, setLabel] = useState(toDraft(field?.label));
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState<OptionDraft[]>(
    field?.options.map((option) => ({ id: localId(), value: option.value, label: toDraft(option.label) })) ??
      [],
  );
  const [required, setRequired] = useState(field?.required ?? false);
  const [portalVisibility, setPortalVisibility] = useState(field?.portalVisibility ?? 'edit');
  const [position, setPosition] = useState(field ? String(field.position) : '');

  const done = () => {
    customFieldsCache.invalidate();
    void navigate('/admin/custom-fields');
  };
  const create = useSubmit(
    {
      schema: CustomFieldCreateSchema,
      send: customFieldsApi.create,
      onSuccess: done,
      fieldForCode: { key_taken: 'key' },
    },
    ts,
  );
  const update = useSubmit(
    {
      schema: CustomFieldUpdateSchema,
      send: (body) => customFieldsApi.update(field?.id ?? '', body),
      onSuccess: done,
    },
    ts,
  );
  const form = field ? update : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    const common = {
      label: fromDraft(label),
      options:
        type === 'select'
          ? options.map((option) => ({ value: option.value.trim(), label: fromDraft(option.label) }))
          : [],
      required,
      portalVisibility,
      ...(position.trim() ? { position: Number(position) } : {}),
    };
    if (field) void update.submit(common);
    else void create.submit({ key, type, ...common });
  };

  const title = field
    ? t('customFieldsAdmin.editTitle', { label: field.label.en })
    : t('customFieldsAdmin.newTitle');
  return (
    <Page
      title={title}
      back={back}
      actions={
        field && (
          <ConfirmButton
            label={t('customFieldsAdmin.delete')}
            title={t('customFieldsAdmin.deleteTitle', { label: field.label.en })}
            danger
            onConfirm={() => customFieldsApi.remove(field.id)}
            onDone={done}
          >
            <p>{t('customFieldsAdmin.deleteBody')}</p>
          </ConfirmButton>
        )
      }
    >
      <form ref={form.formRef} className="form form-wide" onSubmit={submit} noValidate>
        <FormProblemAlert problem={form.problem} />
        <div className="form-grid">
          <TextField
            label={t('customFieldsAdmin.key')}
            hint={field ? t('customFieldsAdmin.keyFixed') : t('customFieldsAdmin.keyHint')}
            value={key}
            onChange={(event) => setKey(event.target.value)}
            readOnly={Boolean(field)}
            error={fieldError(form.errors, 'key')}
            spellCheck={false}
            autoCapitalize="none"
            required
          />
          <SelectField
            label={t('customFieldsAdmin.type')}
            hint={field ? t('customFieldsAdmin.typeFixed') : undefined}
            options={CUSTOM_FIELD_TYPES.map((value) => ({
              value,
              label: t(`customFieldsAdmin.types.${value}`),
            }))}
            value={type}
            disabled={Boolean(field)}
            onChange={(event) => setType(event.target.value as CustomFieldType)}
            error={fieldError(form.errors, 'type')}
          />
        </div>
        <LocalizedTextFields
          label={t('customFieldsAdmin.label')}
          value={label}
          onChange={setLabel}
          errors={form.errors}
          path="label"
        />
        {type === 'select' && <OptionsEditor options={options} onChange={setOptions} errors={form.errors} />}
        <div className="form-grid">
          <SelectField
            label={t('customFieldsAdmin.portalVisibility')}
            options={[
              { value: 'edit', label: t('customFieldsAdmin.visibilities.edit') },
              { value: 'hidden', label: t('customFieldsAdmin.visibilities.hidden') },
            ]}
            value={portalVisibility}
            onChange={(event) => setPortalVisibility(event.target.value as CustomField['portalVisibility'])}
            error={fieldError(form.errors, 'portalVisibility')}
          />
          <TextField
            label={t('customFieldsAdmin.position')}
            hint={t('customFieldsAdmin.positionHint')}
            type="number"
            min={0}
            max={1000}
            value={position}
            onChange={(event) => setPosition(event.target.value)}
            error={fieldError(form.errors, 'position')}
          />
        </div>
        <CheckboxField
          label={t('customFieldsAdmin.required')}
          hint={t('customFieldsAdmin.requiredHint')}
          checked={required}
          onChange={(event) => setRequired(event.target.checked)}
        />
        <div className="actions">
          <button type="submit" className="button" aria-busy={form.isPending}>
            {field ? t('customFieldsAdmin.save') : t('customFieldsAdmin.create')}
          </button>
          <Link to="/admin/custom-fields" className="button button-quiet">
            {ts('common.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}

type OptionsEditorProps = {
  options: OptionDraft[];
  onChange: (options: OptionDraft[]) => void;
  errors: FieldErrors;
};

/** The choices of a "select" field: a stored value and a label per language for each. */
function OptionsEditor({ options, onChange, errors }: OptionsEditorProps) {
  const { t } = useTranslation('console');
  const change = (id: string, patch: Partial<OptionDraft>) =>
    onChange(options.map((option) => (option.id === id ? { ...option, ...patch } : option)));
  return (
    <fieldset className="fieldset">
      <legend>{t('customFieldsAdmin.options')}</legend>
      {fieldError(errors, 'options') && !options.length && (
        <p className="field-error">{fieldError(errors, 'options')}</p>
      )}
      <ol className="option-list">
        {options.map((option, index) => (
          <li key={option.id} className="option-row">
            <TextField
              label={t('customFieldsAdmin.optionValue', { number: index + 1 })}
              value={option.value}
              onChange={(event) => change(option.id, { value: event.target.value })}
              error={fieldError(errors, `options.${index}.value`)}
            />
            <LocalizedTextFields
              label={t('customFieldsAdmin.optionLabel', { number: index + 1 })}
              value={option.label}
              onChange={(label) => change(option.id, { label })}
              errors={errors}
              path={`options.${index}.label`}
            />
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => onChange(options.filter((other) => other.id !== option.id))}
            >
              {t('customFieldsAdmin.removeOption', { number: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => onChange([...options, { id: localId(), value: '', label: toDraft(undefined) }])}
      >
        {t('customFieldsAdmin.addOption')}
      </button>
    </fieldset>
  );
}
