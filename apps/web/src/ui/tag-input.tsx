import { type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

type TagInputProps = {
  label: string;
  /** Names the list of what was added, for screen readers. */
  listLabel: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  /** What is typed but not yet added; the form adds it on submit. */
  draft: string;
  onDraftChange: (draft: string) => void;
  hint?: string;
  error?: string | undefined;
  normalize?: (value: string) => string;
};

/** Splits typed text into entries: commas, spaces and new lines separate them. */
export function splitEntries(text: string, normalize: (value: string) => string = (v) => v): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => normalize(part.trim()))
    .filter((part) => part !== '');
}

/** Adds entries without duplicates, keeping the order they were typed in. */
export function addEntries(values: readonly string[], entries: readonly string[]): string[] {
  const next = [...values];
  for (const entry of entries) if (!next.includes(entry)) next.push(entry);
  return next;
}

/**
 * A list of short values (email domains): type one and press Enter or a comma to add it; each
 * added value has a remove button; Backspace in the empty input removes the last one. What is left
 * typed is not added on blur (that would move the page under the pointer on its way to a button):
 * the form adds it when it is submitted.
 */
export function TagInput(props: TagInputProps) {
  const { t } = useTranslation('shared');
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [announcement, setAnnouncement] = useState('');
  const normalize = props.normalize ?? ((value: string) => value);

  const commit = () => {
    const entries = splitEntries(props.draft, normalize);
    if (entries.length === 0) return;
    props.onChange(addEntries(props.values, entries));
    props.onDraftChange('');
    setAnnouncement(t('tags.added', { value: entries.join(', ') }));
  };

  const remove = (value: string) => {
    props.onChange(props.values.filter((v) => v !== value));
    setAnnouncement(t('tags.removed', { value }));
    document.getElementById(id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && props.draft === '' && props.values.length > 0) {
      const last = props.values[props.values.length - 1];
      if (last !== undefined) remove(last);
    }
  };

  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.values.length > 0 && (
        <ul className="tags" aria-label={props.listLabel}>
          {props.values.map((value) => (
            <li key={value} className="tag">
              <span>{value}</span>
              <button
                type="button"
                className="tag-remove"
                aria-label={t('tags.remove', { value })}
                onClick={() => remove(value)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        value={props.draft}
        onChange={(event) => props.onDraftChange(event.target.value)}
        onKeyDown={onKeyDown}
        autoCapitalize="none"
        spellCheck={false}
        aria-invalid={Boolean(props.error)}
        aria-describedby={describedBy || undefined}
      />
      {props.hint && (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </div>
  );
}
