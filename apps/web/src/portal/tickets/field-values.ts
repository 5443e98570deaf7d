import type { PortalMe } from '@atrium/shared';

export type CustomFieldDefinition = PortalMe['customFields'][number];
/** What a form control holds: text for every field but a checkbox. */
export type ControlValue = string | boolean;
export type CustomFieldValue = string | number | boolean | null;

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date-time as the value of an `<input type="date">`: its day in the browser's time zone. */
export function toDayInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A date input's `YYYY-MM-DD` as the start of that day in the browser's time zone (ISO), or null. */
export function fromDayInput(day: string): string | null {
  if (!DAY.test(day)) return null;
  const date = new Date(`${day}T00:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A custom field's `YYYY-MM-DD` as a Date at noon, local (so formatting never shifts the day). */
export function dayAsDate(day: string): Date | null {
  if (!DAY.test(day)) return null;
  const date = new Date(`${day}T12:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The control's value for a stored custom-field value. */
export function toControlValue(
  definition: CustomFieldDefinition,
  value: CustomFieldValue | undefined,
): ControlValue {
  if (definition.type === 'checkbox') return value === true;
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * What the API takes for a control's value: a number for number fields, YYYY-MM-DD for dates, a
 * boolean for checkboxes; an empty control is `null` (no value). Undefined when the text is not a number.
 */
export function toApiValue(
  definition: CustomFieldDefinition,
  value: ControlValue,
): CustomFieldValue | undefined {
  if (definition.type === 'checkbox') return value === true;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return null;
  if (definition.type === 'number') {
    // People write decimals with a comma in most of the portal's languages.
    const number = Number(text.replace(/\s/g, '').replace(/^(-?\d*),(\d+)$/, '$1.$2'));
    return Number.isFinite(number) ? number : undefined;
  }
  return text;
}

export type CustomFieldProblem = 'required' | 'number';

/** Whether a required field is empty or a number field holds something else. */
export function checkCustomField(
  definition: CustomFieldDefinition,
  value: ControlValue,
): CustomFieldProblem | null {
  const apiValue = toApiValue(definition, value);
  if (apiValue === undefined) return 'number';
  // A checkbox always has a value (unticked is `false`).
  return definition.required && apiValue === null ? 'required' : null;
}
