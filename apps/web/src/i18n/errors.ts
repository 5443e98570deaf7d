import { isKnownErrorCode } from '../lib/api';

/**
 * The translation key for an error code. Codes this build does not know (a newer server) get the
 * generic message; the server's own message text is never shown.
 */
export function errorMessageKey(code: string) {
  return isKnownErrorCode(code) ? (`errors.${code}` as const) : ('errors.generic' as const);
}
