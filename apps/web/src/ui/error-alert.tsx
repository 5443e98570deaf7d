import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../i18n/errors';

type ErrorAlertProps = { code: string };

/** Shows the translated message for an error code, announced at once by screen readers. */
export function ErrorAlert({ code }: ErrorAlertProps) {
  const { t } = useTranslation('shared');
  return (
    <p className="alert alert-error" role="alert">
      {t(errorMessageKey(code))}
    </p>
  );
}
