import { ContactLoginSchema } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isLanguage } from '../i18n/languages';
import { AuthLayout } from '../ui/auth-layout';
import { LanguageSelect } from '../ui/language-select';
import { SignInForm } from '../ui/sign-in-form';
import { signIn } from './session';

export function SignInPage() {
  const { t, i18n } = useTranslation('portal');
  const language = isLanguage(i18n.language) ? i18n.language : 'en';

  return (
    <AuthLayout title={t('signIn.title')} heading={t('signIn.heading')}>
      <SignInForm
        account={{ name: 'username', label: t('signIn.username'), type: 'text' }}
        passwordLabel={t('signIn.password')}
        submitLabel={t('signIn.submit')}
        missingMessage={t('signIn.missingFields')}
        schema={ContactLoginSchema}
        onSignIn={(credentials) => signIn(i18n, credentials)}
      />
      <Link to="/forgot-password">{t('passwordReset.forgotLink', { ns: 'shared' })}</Link>
      {/* Only for this visit: once signed in, the contact's saved language applies. */}
      <LanguageSelect
        label={t('signIn.language')}
        value={language}
        onChange={(next) => void i18n.changeLanguage(next)}
      />
    </AuthLayout>
  );
}
