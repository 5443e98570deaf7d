import type { TFunction } from 'i18next';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { errorMessageKey } from '../i18n/errors';
import { ApiError, errorCode } from '../lib/api';

/** Messages keyed by the field's path in the request body (`email`, `label.en`, `domains.2`). */
export type FieldErrors = Readonly<Record<string, string>>;

type SharedT = TFunction<'shared'>;

/** A readable, translated message for one zod issue; the schema's own English text is never shown. */
export function issueMessage(issue: z.core.$ZodIssue, t: SharedT): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') {
        return t('validation.required');
      }
      return issue.expected === 'number' || issue.expected === 'int'
        ? t('validation.number')
        : t('validation.invalid');
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return minimum <= 1 ? t('validation.required') : t('validation.tooShort', { minimum });
      }
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooFew', { minimum });
      return t('validation.tooSmall', { minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.tooLong', { maximum });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooMany', { maximum });
      return t('validation.tooBig', { maximum });
    }
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'datetime' || issue.format === 'date') return t('validation.date');
      return t('validation.format');
    case 'invalid_value':
      return t('validation.choice');
    default:
      return t('validation.invalid');
  }
}

/** The first message per field; an issue on the whole object goes to the empty key. */
export function zodFieldErrors(error: z.ZodError, t: SharedT): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= issueMessage(issue, t);
  }
  return errors;
}

/**
 * The server's `details` of a 400, by field: `body.email` → `email` (a few checks made after the
 * schema name the field without the `body.` prefix: `customFields.asset_tag`). It describes what it
 * refused in its own words, and there is no code to translate per field, so its message is shown.
 */
export function serverFieldErrors(error: ApiError): FieldErrors {
  const errors: Record<string, string> = {};
  for (const detail of error.details) {
    if (/^(querystring|params|headers)\./.test(detail.path)) continue;
    const path = detail.path.startsWith('body.') ? detail.path.slice('body.'.length) : detail.path;
    errors[path] ??= detail.message;
  }
  return errors;
}

/** The message for a field, or for anything inside it (`domains` finds `domains.2`). */
export function fieldError(errors: FieldErrors, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const prefix = `${name}.`;
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith(prefix)) return message;
  }
  return undefined;
}

export type FormProblem = { code: string; message?: string };

export type SubmitOptions<S extends z.ZodType, R> = {
  /** The server's own request schema (or a `.pick()` of it): what it would refuse is refused here first. */
  schema: S;
  send: (data: z.output<S>) => Promise<R>;
  onSuccess?: (result: R) => void;
  /**
   * Checks the schema cannot make (required custom fields), or says in the page's words what the
   * schema would say generically (no customer chosen): messages by field, empty when fine.
   */
  check?: (input: z.input<S>) => FieldErrors;
  /** Conflicts that concern one field (`email_taken` → `email`), shown next to it. */
  fieldForCode?: Readonly<Record<string, string>>;
  /** Codes whose server message is shown instead of the generic translation (it names something). */
  serverMessageCodes?: readonly string[];
};

export type FormState<S extends z.ZodType> = {
  formRef: RefObject<HTMLFormElement | null>;
  submit: (input: z.input<S>) => Promise<void>;
  isPending: boolean;
  errors: FieldErrors;
  problem: FormProblem | null;
  clearErrors: () => void;
};

/**
 * Validates with the shared schema, sends, and maps failures: per-field messages from zod or from
 * the server's `details`, conflicts to their field, anything else to the form's alert. After a
 * failed attempt, focus moves to the first invalid input.
 */
export function useSubmit<S extends z.ZodType, R>(options: SubmitOptions<S, R>, t: SharedT): FormState<S> {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [failures, setFailures] = useState(0);
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });

  useEffect(() => {
    if (failures === 0) return;
    const form = formRef.current;
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? form?.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  }, [failures]);

  const fail = useCallback((fieldErrors: FieldErrors, formProblem: FormProblem | null) => {
    setErrors(fieldErrors);
    setProblem(formProblem);
    setFailures((n) => n + 1);
  }, []);

  const submit = useCallback(
    async (input: z.input<S>) => {
      const {
        schema,
        send,
        onSuccess,
        check,
        fieldForCode = {},
        serverMessageCodes = [],
      } = optionsRef.current;
      const parsed = schema.safeParse(input);
      const extra = check?.(input) ?? {};
      if (!parsed.success || Object.keys(extra).length > 0) {
        const schemaErrors = parsed.success ? {} : zodFieldErrors(parsed.error, t);
        fail({ ...schemaErrors, ...extra }, { code: 'validation_failed' });
        return;
      }
      setIsPending(true);
      try {
        const result = await send(parsed.data);
        setErrors({});
        setProblem(null);
        onSuccess?.(result);
      } catch (error) {
        const code = errorCode(error);
        const message =
          error instanceof ApiError && serverMessageCodes.includes(code) ? error.message : undefined;
        const field = fieldForCode[code];
        if (error instanceof ApiError && code === 'validation_failed') {
          fail(serverFieldErrors(error), { code });
        } else if (field) {
          fail({ [field]: message ?? t(errorMessageKey(code)) }, { code, message });
        } else {
          fail({}, { code, message });
        }
      } finally {
        setIsPending(false);
      }
    },
    [fail, t],
  );

  const clearErrors = useCallback(() => {
    setErrors({});
    setProblem(null);
  }, []);

  return { formRef, submit, isPending, errors, problem, clearErrors };
}
