import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../i18n/errors';

type ErrorAlertProps = {
  code: string;
  /** The server's own words, for the few codes whose message names something (`domain_taken`). */
  message?: string;
  className?: string;
};

/** Shows the translated message for an error code, announced at once by screen readers. */
export function ErrorAlert({ code, message, className }: ErrorAlertProps) {
  const { t } = useTranslation('shared');
  return (
    // Focusable so that a form can move focus to it when the problem is not one field's.
    <p className={`alert alert-error ${className ?? ''}`.trim()} role="alert" tabIndex={-1}>
      {message ?? t(errorMessageKey(code))}
    </p>
  );
}
