/**
 * Every error the API can return. The web apps branch on `code` (never on the message) and
 * translate it; the server maps it to a status here and nowhere else.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  wrong_password: 400,
  password_unchanged: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  reset_link_invalid: 400,
  forbidden: 403,
  csrf_origin_mismatch: 403,
  password_change_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  email_taken: 409,
  username_taken: 409,
  domain_taken: 409,
  key_taken: 409,
  in_use: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  file_type_not_allowed: 415,
  rule_refused: 422,
  ticket_billed: 422,
  reopen_not_allowed: 422,
  code_wrong: 422,
  code_expired: 422,
  code_exhausted: 422,
  code_used: 422,
  phone_not_confirmed: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid.',
  invalid_json: 'The request body is not valid JSON.',
  wrong_password: 'The current password is not correct.',
  password_unchanged: 'Choose a password other than the one you were sent.',
  unauthenticated: 'You are not signed in.',
  invalid_credentials: 'The sign-in details are not correct.',
  reset_link_invalid: 'This password reset link is not valid: it has expired or was already used.',
  forbidden: 'You are not allowed to do this.',
  csrf_origin_mismatch: 'This request did not come from Atrium itself.',
  password_change_required: 'Choose your own password first.',
  not_found: 'Not found.',
  method_not_allowed: 'This method is not allowed here.',
  conflict: 'This conflicts with existing data.',
  email_taken: 'This email address is already in use.',
  username_taken: 'This username is already in use.',
  domain_taken: 'This email domain already belongs to another customer.',
  key_taken: 'This key is already in use.',
  in_use: 'This is still in use and cannot be removed.',
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'This content type is not supported.',
  file_type_not_allowed: 'This type of file cannot be attached.',
  rule_refused: 'This is not allowed by the current rules.',
  ticket_billed: 'This ticket has been billed and can no longer be changed.',
  reopen_not_allowed: 'This ticket cannot be reopened. Reply to open a new ticket about it.',
  code_wrong: 'This code is not the one we sent. Check the text message and try again.',
  code_expired: 'This code has expired. Ask for a new one.',
  code_exhausted: 'Too many wrong codes. Ask for a new one.',
  code_used: 'This code was used already. Ask for a new one.',
  phone_not_confirmed: 'Add and confirm your mobile number first: each action needs a code.',
  rate_limited: 'Too many attempts. Try again later.',
  internal: 'Something went wrong on our side.',
  unavailable: 'The service is not available right now.',
};

export type ApiErrorBody = {
  error: { code: ErrorCode; message: string; details?: unknown };
};
