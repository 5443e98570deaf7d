import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from '@atrium/shared';

/** The one error type services throw; the error handler turns it into SPEC §9's shape. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export type FieldProblem = { path: string; message: string };

/** A 400 naming each field it refuses (`body.title`, `querystring.page`), as the schema validator's are. */
export function validationFailed(details: FieldProblem[]): AppError {
  const named = details
    .slice(0, 5)
    .map((detail) => `${detail.path}: ${detail.message}`)
    .join('; ');
  return new AppError('validation_failed', `${ERROR_MESSAGES.validation_failed} ${named}`, details);
}

/** A field of the request body that is well-formed but wrong (an unknown id, say): a 400 naming it. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ path: `body.${field}`, message }]);
}
