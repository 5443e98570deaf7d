import { LANGUAGES, type Language } from '@atrium/shared';
import { useId } from 'react';
import { isLanguage, LANGUAGE_NAMES } from '../i18n/languages';

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
