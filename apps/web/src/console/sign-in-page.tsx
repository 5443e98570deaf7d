import { TechnicianLoginSchema } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthLayout } from '../ui/auth-layout';
import { SignInForm } from '../ui/sign-in-form';
import { signIn } from './session';

export function SignInPage() {
  const { t, i18n } = useTranslation('console');
  return (
    <AuthLayout title={t('signIn.title')} heading={t('signIn.heading')}>
      <SignInForm
        account={{ name: 'email', label: t('signIn.email'), type: 'email' }}
        passwordLabel={t('signIn.password')}
        submitLabel={t('signIn.submit')}
        missingMessage={t('signIn.missingFields')}
        schema={TechnicianLoginSchema}
        onSignIn={(credentials) => signIn(i18n, credentials)}
      />
      <Link to="/forgot-password">{t('passwordReset.forgotLink', { ns: 'shared' })}</Link>
    </AuthLayout>
  );
}
