import type { Language } from '@atrium/shared';
import { type ReactNode, useId } from 'react';
import { localized } from '../common/localized';
import type { ControlValue, CustomFieldDefinition } from './field-values';

type CustomFieldControlProps = {
  definition: CustomFieldDefinition;
  value: ControlValue;
  language: Language;
  onChange: (value: ControlValue) => void;
  /** Text, number and date fields: the person left the field (inline editing saves then). */
  onCommit?: () => void;
  /** The message under the field when its value is refused. */
  error?: string;
  /** The empty choice of a select ("Not set"). */
  emptyLabel: string;
  disabled?: boolean;
};

/** One custom ticket field, with its label in the contact's language and the control its type needs. */
export function CustomFieldControl(props: CustomFieldControlProps) {
  const { definition, value, language, onChange, onCommit, error, emptyLabel, disabled } = props;
  const id = useId();
  const errorId = useId();
  const label = localized(definition.label, language);
  const describedBy = error ? errorId : undefined;
  const text = typeof value === 'string' ? value : '';
  const errorLine = error && (
    <p id={errorId} className="portal-field-error">
      {error}
    </p>
  );

  if (definition.type === 'checkbox') {
    return (
      <div className="field portal-check">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
        {errorLine}
      </div>
    );
  }

  const common = {
    id,
    required: definition.required,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="field">
      <FieldLabel htmlFor={id} required={definition.required}>
        {label}
      </FieldLabel>
      {definition.type === 'select' ? (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{emptyLabel}</option>
          {definition.options.map((option) => (
            <option key={option.value} value={option.value}>
              {localized(option.label, language)}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={definition.type === 'number' ? 'text' : definition.type}
          inputMode={definition.type === 'number' ? 'decimal' : undefined}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onCommit}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && onCommit) {
              event.preventDefault();
              onCommit();
            }
          }}
        />
      )}
      {errorLine}
    </div>
  );
}

type FieldLabelProps = { htmlFor: string; required?: boolean; children: ReactNode };

/**
 * A field's label, with the "required" star beside it rather than inside it: the label (and so the
 * field's name) stays exactly the word shown, and the control's `required` says it to assistive
 * technology.
 */
export function FieldLabel({ htmlFor, required = false, children }: FieldLabelProps) {
  return (
    <div className="portal-label">
      <label htmlFor={htmlFor}>{children}</label>
      {required && (
        <span className="portal-required" aria-hidden="true">
          *
        </span>
      )}
    </div>
  );
}
