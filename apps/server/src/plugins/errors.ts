import { ERROR_MESSAGES, type ErrorCode } from '@atrium/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, validationFailed } from '../lib/app-error';

/** One place turns every failure into SPEC §9's `{error: {code, message}}`. */
export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  const body = {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
  return reply.code(error.status).type('application/json; charset=utf-8').send(body);
}

/**
 * Fastify's own client errors (body parsing, content types, URLs) mapped to our codes by status.
 * 414 is a path segment longer than the router's `maxParamLength`: an id that long is only invalid.
 */
const FRAMEWORK_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  414: 'validation_failed',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function toAppError(error: FastifyError): AppError | undefined {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return validationFailed(
      error.validation.map((issue) => ({
        path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'is not valid',
      })),
    );
  }
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
    return new AppError('invalid_json');
  const status = error.statusCode ?? 500;
  const code = FRAMEWORK_CODES[status];
  if (code) return new AppError(code, code === 'validation_failed' ? error.message : ERROR_MESSAGES[code]);
  return undefined;
}

/**
 * The error handler, also given to Fastify as `frameworkErrors` for what it refuses before routing
 * (a URL that does not decode, a path parameter over `maxParamLength`).
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toAppError(error);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(reply, known);
  }
  // Internals (stack, SQL, paths) stay in the log; the client gets a request id to quote.
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, new AppError('internal', `${ERROR_MESSAGES.internal} (request ${request.id})`));
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
}
