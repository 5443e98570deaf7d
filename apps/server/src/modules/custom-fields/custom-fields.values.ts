import { AppError } from '../../lib/app-error';
import type { CustomFieldRow } from './custom-fields.repo';

export type CustomFieldValue = string | number | boolean | null;
export type CustomFieldProblem = { path: string; message: string };

/** The longest text value, counted after trimming. */
export const CUSTOM_FIELD_TEXT_MAX = 5000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

type Checked = { value: CustomFieldValue } | { problem: string };

/** One value against its definition; an empty string is "no value" for the string-typed fields. */
function checkValue(definition: CustomFieldRow, raw: unknown): Checked {
  if (raw === null) return { value: null };
  switch (definition.type) {
    case 'text': {
      if (typeof raw !== 'string') return { problem: `must be text, not ${describeType(raw)}` };
      const value = raw.trim();
      if (value.length > CUSTOM_FIELD_TEXT_MAX)
        return { problem: `must be at most ${CUSTOM_FIELD_TEXT_MAX} characters` };
      return { value: value === '' ? null : value };
    }
    case 'number':
      if (typeof raw !== 'number') return { problem: `must be a number, not ${describeType(raw)}` };
      if (!Number.isFinite(raw)) return { problem: 'must be a finite number' };
      return { value: raw };
    case 'date': {
      if (typeof raw !== 'string') return { problem: `must be a date, not ${describeType(raw)}` };
      const value = raw.trim();
      if (value === '') return { value: null };
      if (!DATE.test(value)) return { problem: 'must be a date written YYYY-MM-DD' };
      if (!isRealDate(value)) return { problem: `${value} is not a calendar date` };
      return { value };
    }
    case 'select': {
      if (typeof raw !== 'string') return { problem: `must be one of the options, not ${describeType(raw)}` };
      if (raw === '') return { value: null };
      const allowed = definition.options.map((option) => option.value);
      if (!allowed.includes(raw)) return { problem: `must be one of: ${allowed.join(', ')}` };
      return { value: raw };
    }
    case 'checkbox':
      if (typeof raw !== 'boolean') return { problem: `must be true or false, not ${describeType(raw)}` };
      return { value: raw };
  }
}

/**
 * Checks custom-field values against their definitions and returns them normalized (text trimmed,
 * an empty string for a text, date or select field becomes `null`), with exactly the keys given.
 *
 * - `definitions` are the fields the caller may write (the portal passes only the `edit` ones, so a
 *   hidden field is an unknown key there).
 * - `null` clears a value. A `required` field must be given and non-empty on `create`; on `update`
 *   only the keys given are checked, and a required one cannot be cleared.
 *
 * Every problem is collected into one `validation_failed` error whose details are
 * `[{ path: 'customFields.<key>', message }]`.
 */
export function validateCustomFieldValues(
  definitions: CustomFieldRow[],
  values: Record<string, unknown>,
  options: { mode: 'create' | 'update' },
): Record<string, CustomFieldValue> {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const problems: CustomFieldProblem[] = [];
  const result: [string, CustomFieldValue][] = [];

  for (const [key, raw] of Object.entries(values)) {
    const definition = byKey.get(key);
    if (!definition) {
      problems.push({ path: `customFields.${key}`, message: 'is not a custom field' });
      continue;
    }
    const checked = checkValue(definition, raw);
    if ('problem' in checked) {
      problems.push({ path: `customFields.${key}`, message: checked.problem });
      continue;
    }
    if (definition.required && checked.value === null) {
      problems.push({
        path: `customFields.${key}`,
        message: options.mode === 'create' ? 'is required' : 'is required and cannot be cleared',
      });
      continue;
    }
    result.push([key, checked.value]);
  }

  if (options.mode === 'create') {
    for (const definition of definitions) {
      if (definition.required && !Object.hasOwn(values, definition.key))
        problems.push({ path: `customFields.${definition.key}`, message: 'is required' });
    }
  }

  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      `Some custom fields are not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return Object.fromEntries(result);
}

/** Stored values after an update: given keys replace, `null` removes the key. */
export function mergeCustomFieldValues(
  current: Record<string, CustomFieldValue>,
  changes: Record<string, CustomFieldValue>,
): Record<string, CustomFieldValue> {
  const merged = { ...current, ...changes };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return merged;
}
