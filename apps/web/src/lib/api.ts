import { type ApiErrorBody, ERROR_STATUS, type ErrorCode } from '@atrium/shared';
import type { z } from 'zod';

/** Failures that never reached the API or that it answered in a shape we do not understand. */
export type ClientErrorCode = 'network_error' | 'invalid_response';
export type KnownErrorCode = ErrorCode | ClientErrorCode;

/**
 * What every failed call throws. `code` is kept as a string: a newer server may send a code this
 * build does not know, and the UI must still show its generic message for it.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  /** With `validation_failed`: which inputs were refused (`body.email`, `querystring.page`) and why. */
  readonly details: readonly FieldIssue[];

  constructor(
    status: number,
    code: string,
    message: string,
    options?: ErrorOptions & { details?: readonly FieldIssue[] },
  ) {
    super(message, options);
    this.status = status;
    this.code = code;
    this.details = options?.details ?? [];
  }
}

export type FieldIssue = { path: string; message: string };

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(ERROR_STATUS, code) || code === 'network_error' || code === 'invalid_response';
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type ApiInit = {
  method?: Method;
  /** Sent as JSON; a FormData is sent as multipart/form-data (file uploads). */
  body?: unknown;
  /** Request headers of the call itself (`idempotency-key`); accept and content-type are set here. */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
};

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * A 401 from any call means the session is gone; each app listens once and shows its sign-in page,
 * so no caller has to handle it.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * Calls the API with the session cookie and JSON in and out. With a schema, the response body is
 * parsed with it (the shared zod schema), so a contract drift fails here rather than deep in a
 * component; without one, the body is ignored (204 responses).
 */
export function api<S extends z.ZodType>(path: string, init: ApiInit & { schema: S }): Promise<z.output<S>>;
export function api(path: string, init?: ApiInit): Promise<void>;
export async function api(path: string, init: ApiInit & { schema?: z.ZodType } = {}): Promise<unknown> {
  const response = await apiResponse(path, init);
  if (!init.schema) return undefined;
  let data: unknown;
  try {
    data = await response.json();
  } catch (cause) {
    throw new ApiError(response.status, 'invalid_response', `${path} did not answer with JSON`, { cause });
  }
  const parsed = init.schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(response.status, 'invalid_response', `${path} answered in an unexpected shape`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * The same call, answered with the response itself for a body read as it arrives (a streamed
 * answer, whose media type `accept` names); a refusal still throws its ApiError and a 401 still
 * signs out.
 */
export async function apiResponse(path: string, init: ApiInit & { accept?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers, accept: init.accept ?? 'application/json' };
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) {
    // The browser writes the multipart boundary into the content type itself.
    body = init.body;
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: init.signal,
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', `Could not reach ${path}`, { cause });
  }

  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401) {
      for (const listener of unauthorizedListeners) listener(error);
    }
    throw error;
  }
  return response;
}

async function readError(response: Response): Promise<ApiError> {
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    data = undefined;
  }
  if (isApiErrorBody(data)) {
    return new ApiError(response.status, data.error.code, data.error.message, {
      details: readDetails(data.error.details),
    });
  }
  // A proxy or a crash answered instead of the API: derive what we can from the status.
  return new ApiError(response.status, codeForStatus(response.status), `HTTP ${response.status}`);
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function readDetails(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown) =>
    typeof detail === 'object' &&
    detail !== null &&
    'path' in detail &&
    typeof detail.path === 'string' &&
    'message' in detail &&
    typeof detail.message === 'string'
      ? [{ path: detail.path, message: detail.message }]
      : [],
  );
}

function codeForStatus(status: number): string {
  const known = Object.entries(ERROR_STATUS).find(([, codeStatus]) => codeStatus === status);
  if (known) return known[0];
  return status >= 500 ? 'unavailable' : 'unknown';
}

/** The code to translate for anything a call may throw; a bug (not an ApiError) gets the generic message. */
export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : 'unknown';
}

export type QueryValue = string | number | boolean | null | undefined;

/** A list query as sent: the keys of the API's query schema, with URL-ready values. */
export type QueryOf<S extends z.ZodType> = Partial<Record<keyof z.input<S>, QueryValue>>;

/**
 * `path?a=1&b=x`, leaving out empty values so that "no filter" never reaches the API as `a=`. Lists
 * are sent comma-separated (`status=Open,Pending`), as the API reads them.
 */
export function withQuery(path: string, query: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const text = Array.isArray(value) ? value.map(String).join(',') : queryText(value);
    if (text !== undefined && text !== '') params.set(key, text);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function queryText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}
