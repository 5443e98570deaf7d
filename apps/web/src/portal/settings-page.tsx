import type { Language, PortalMe } from '@atrium/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { errorCode } from '../lib/api';
import { ErrorAlert } from '../ui/error-alert';
import { LanguageSelect } from '../ui/language-select';
import { Page } from '../ui/page';
import { PasswordChangeForm } from '../ui/password-change-form';
import { portalApi } from './api';
import { PhoneSettings } from './phone-settings';
import { saveLanguage } from './session';

type SettingsPageProps = { me: PortalMe };
type SaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; code: string };

/** A format sample, so the contact sees what the language changes besides the words. */
const SAMPLE_NUMBER = 1234567.89;

export function SettingsPage({ me }: SettingsPageProps) {
  const { t, i18n } = useTranslation('portal');
  const format = useFormat();
  const [choice, setChoice] = useState<Language>(me.language);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });

  // Saved as soon as it is picked, and the page switches language at once.
  const choose = (language: Language) => {
    setChoice(language);
    setSaveState({ kind: 'idle' });
    saveLanguage(i18n, language).then(
      (isApplied) => {
        if (isApplied) setSaveState({ kind: 'saved' });
      },
      (error: unknown) => {
        setChoice(me.language);
        setSaveState({ kind: 'failed', code: errorCode(error) });
      },
    );
  };

  return (
    <Page title={t('settings.title')}>
      <div className="card stack">
        <LanguageSelect
          label={t('settings.language')}
          value={choice}
          onChange={choose}
          hint={t('settings.languageHint')}
        />
        <p className="muted">
          {t('settings.formatExample', {
            date: format.date(new Date(), { dateStyle: 'long' }),
            number: format.number(SAMPLE_NUMBER),
          })}
        </p>
        {saveState.kind === 'failed' && <ErrorAlert code={saveState.code} />}
        <p role="status" className="status">
          {saveState.kind === 'saved' ? t('settings.saved') : ''}
        </p>
      </div>
      {me.features.selfService && <PhoneSettings />}
      <PasswordChangeForm
        send={portalApi.changePassword}
        labels={{
          title: t('settings.password.title'),
          current: t('settings.password.current'),
          new: t('settings.password.new'),
          hint: t('settings.password.hint'),
          submit: t('settings.password.submit'),
          saved: t('settings.password.saved'),
        }}
      />
    </Page>
  );
}
