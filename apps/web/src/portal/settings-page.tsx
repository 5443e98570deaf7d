import type { PortalMe } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { LanguagePreference } from '../ui/language-select';
import { Page } from '../ui/page';
import { PasswordChangeForm } from '../ui/password-change-form';
import { portalApi } from './api';
import { PhoneSettings } from './phone-settings';
import { saveLanguage } from './session';

type SettingsPageProps = { me: PortalMe };

export function SettingsPage({ me }: SettingsPageProps) {
  const { t, i18n } = useTranslation('portal');
  return (
    <Page title={t('settings.title')}>
      <div className="card stack">
        <LanguagePreference
          current={me.language}
          save={(language) => saveLanguage(i18n, language)}
          labels={{
            select: t('settings.language'),
            hint: t('settings.languageHint'),
            formatExample: (sample) => t('settings.formatExample', sample),
            saved: t('settings.saved'),
          }}
        />
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
