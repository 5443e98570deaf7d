import { type CustomField, LANGUAGES, type LocalizedText } from '@atrium/shared';
import type { CustomFieldRow } from './custom-fields.repo';

/** Only the five languages; English is always written, the key stands in should a row lack it. */
function presentLabel(stored: Record<string, string>, fallback: string): LocalizedText {
  const label: LocalizedText = { en: stored.en ?? fallback };
  for (const language of LANGUAGES) {
    const text = stored[language];
    if (language !== 'en' && text) label[language] = text;
  }
  return label;
}

export function presentCustomField(row: CustomFieldRow): CustomField {
  return {
    id: row.id,
    key: row.key,
    label: presentLabel(row.label, row.key),
    type: row.type,
    options: row.options.map((option) => ({
      value: option.value,
      label: presentLabel(option.label, option.value),
    })),
    required: row.required,
    portalVisibility: row.portalVisibility,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
  };
}
