import { LANGUAGES, type Language, type LocalizedText } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../i18n/languages';
import { TextField } from '../ui/field';
import { type FieldErrors, fieldError } from '../ui/form';

export type LocalizedDraft = Record<Language, string>;

export function toDraft(text: Partial<LocalizedText> | undefined): LocalizedDraft {
  return {
    en: text?.en ?? '',
    fr: text?.fr ?? '',
    de: text?.de ?? '',
    es: text?.es ?? '',
    it: text?.it ?? '',
  };
}

/** Empty translations are left out (English stands in for them); English is sent even if empty. */
export function fromDraft(draft: LocalizedDraft): LocalizedText {
  const text: LocalizedText = { en: draft.en };
  for (const language of LANGUAGES) {
    if (language !== 'en' && draft[language].trim() !== '') text[language] = draft[language];
  }
  return text;
}

type LocalizedTextFieldsProps = {
  /** "Name", "Label": each input is called "Name (English)" and so on. */
  label: string;
  value: LocalizedDraft;
  onChange: (value: LocalizedDraft) => void;
  errors: FieldErrors;
  /** Where the errors are in the request body: `name` gives `name.en`. */
  path: string;
};

/** One input per language; English is required, the others stand in for it in the portal. */
export function LocalizedTextFields({ label, value, onChange, errors, path }: LocalizedTextFieldsProps) {
  const { t } = useTranslation('console');
  return (
    <fieldset className="fieldset localized">
      <legend>{label}</legend>
      <div className="form-grid">
        {LANGUAGES.map((language) => (
          <TextField
            key={language}
            label={t('localized.inLanguage', { label, language: LANGUAGE_NAMES[language] })}
            hint={language === 'en' ? t('localized.englishRequired') : undefined}
            lang={language}
            value={value[language]}
            required={language === 'en'}
            onChange={(event) => onChange({ ...value, [language]: event.target.value })}
            error={
              fieldError(errors, `${path}.${language}`) ?? (language === 'en' ? errors[path] : undefined)
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
