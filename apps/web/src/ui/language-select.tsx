import { LANGUAGES, type Language } from '@atrium/shared';
import { useId, useState } from 'react';
import { useFormat } from '../i18n/format';
import { isLanguage, LANGUAGE_NAMES } from '../i18n/languages';
import { errorCode } from '../lib/api';
import { ErrorAlert } from './error-alert';

/** One option per language, each named in its own language so a person finds theirs on any page. */
export function LanguageOptions() {
  return LANGUAGES.map((language) => (
    // `lang` lets screen readers pronounce each name in its own language.
    <option key={language} value={language} lang={language}>
      {LANGUAGE_NAMES[language]}
    </option>
  ));
}

type LanguageSelectProps = {
  label: string;
  value: Language;
  onChange: (language: Language) => void;
  hint?: string;
};

export function LanguageSelect({ label, value, onChange, hint }: LanguageSelectProps) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => {
          if (isLanguage(event.target.value)) onChange(event.target.value);
        }}
      >
        <LanguageOptions />
      </select>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

type LanguageSave = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; code: string };

/** A format sample, so the person sees what the language changes besides the words. */
const SAMPLE_NUMBER = 1234567.89;

type LanguagePreferenceProps = {
  current: Language;
  /** Saves and applies the language; false when a later choice took its place. */
  save: (language: Language) => Promise<boolean>;
  labels: {
    select: string;
    hint: string;
    formatExample: (sample: { date: string; number: string }) => string;
    saved: string;
  };
};

/** One's own language, saved as soon as it is picked: the whole app switches at once. */
export function LanguagePreference({ current, save, labels }: LanguagePreferenceProps) {
  const format = useFormat();
  const [choice, setChoice] = useState<Language>(current);
  const [saveState, setSaveState] = useState<LanguageSave>({ kind: 'idle' });
  const choose = (language: Language) => {
    setChoice(language);
    setSaveState({ kind: 'idle' });
    save(language).then(
      (isApplied) => {
        if (isApplied) setSaveState({ kind: 'saved' });
      },
      (error: unknown) => {
        setChoice(current);
        setSaveState({ kind: 'failed', code: errorCode(error) });
      },
    );
  };
  return (
    <>
      <LanguageSelect label={labels.select} value={choice} onChange={choose} hint={labels.hint} />
      <p className="muted">
        {labels.formatExample({
          date: format.date(new Date(), { dateStyle: 'long' }),
          number: format.number(SAMPLE_NUMBER),
        })}
      </p>
      {saveState.kind === 'failed' && <ErrorAlert code={saveState.code} />}
      <p role="status" className="status">
        {saveState.kind === 'saved' ? labels.saved : ''}
      </p>
    </>
  );
}
