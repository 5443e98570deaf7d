import type { CustomField } from '@atrium/shared';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, Field } from '../../ui/field';
import { type CustomFieldValue, fieldLabel, fromInput, toInput } from './values';

type CustomFieldInputProps = {
  field: CustomField;
  value: CustomFieldValue | undefined;
  onChange: (value: CustomFieldValue) => void;
  /** Text, number and date inputs: when the person leaves the field (the ticket page saves then). */
  onBlur?: () => void;
  error?: string | undefined;
  /** Shown beside the label (the ticket page's "Saved"). */
  status?: ReactNode;
};

/** The input for one custom field, by its type. */
export function CustomFieldInput({ field, value, onChange, onBlur, error, status }: CustomFieldInputProps) {
  const { t } = useTranslation('console');
  const label = fieldLabel(field);
  const hint = field.required ? t('customFields.requiredHint') : undefined;
  // Typed text is kept as typed ("1." on the way to "1.5"); the value given back is the stored type.
  const [draft, setDraft] = useState(toInput(value));
  useEffect(() => {
    setDraft((current) => (fromInput(field, current) === (value ?? null) ? current : toInput(value)));
  }, [value, field]);

  if (field.type === 'checkbox') {
    return (
      <div className="field-with-status">
        <CheckboxField
          label={label}
          checked={value === true}
          onChange={(event) => onChange(fromInput(field, event.target.checked))}
          error={error}
        />
        {status}
      </div>
    );
  }

  return (
    <div className="field-with-status">
      <Field label={label} hint={hint} error={error}>
        {(control) =>
          field.type === 'select' ? (
            <select
              {...control}
              value={toInput(value)}
              required={field.required}
              onChange={(event) => onChange(fromInput(field, event.target.value))}
            >
              <option value="">{t('customFields.notSet')}</option>
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label.en}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...control}
              type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
              step={field.type === 'number' ? 'any' : undefined}
              value={draft}
              required={field.required}
              onChange={(event) => {
                setDraft(event.target.value);
                onChange(fromInput(field, event.target.value));
              }}
              onBlur={onBlur}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && onBlur) {
                  event.preventDefault();
                  onBlur();
                }
              }}
            />
          )
        }
      </Field>
      {status}
    </div>
  );
}
