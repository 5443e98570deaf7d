import type { CustomField, CustomFieldValues } from '@atrium/shared';

export type CustomFieldValue = CustomFieldValues[string];

/** A value as the API stores it, from what an input holds: numbers as numbers, empty as null. */
export function fromInput(field: Pick<CustomField, 'type'>, raw: string | boolean): CustomFieldValue {
  if (field.type === 'checkbox') return raw === true;
  if (typeof raw !== 'string') return null;
  const text = field.type === 'text' ? raw : raw.trim();
  if (text.trim() === '') return null;
  if (field.type === 'number') {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  return text;
}

/** What an input shows for a stored value. */
export function toInput(value: CustomFieldValue | undefined): string {
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  return String(value);
}

export function isEmpty(field: Pick<CustomField, 'type'>, value: CustomFieldValue | undefined): boolean {
  if (field.type === 'checkbox') return value !== true;
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The values to send: only fields that have one (and every checkbox that is ticked). */
export function valuesToSend(fields: readonly CustomField[], values: CustomFieldValues): CustomFieldValues {
  const out: CustomFieldValues = {};
  for (const field of fields) {
    const value = values[field.key];
    if (!isEmpty(field, value) && value !== undefined) out[field.key] = value;
  }
  return out;
}

/** The label in the console's language (English; the others are for the portal). */
export function fieldLabel(field: Pick<CustomField, 'label'>): string {
  return field.label.en;
}
