import type { CustomField, CustomFieldCreate, CustomFieldType, CustomFieldUpdate } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { recordAudit } from '../audit/audit.repo';
import { bumpCacheVersion } from '../settings/settings.repo';
import { requireAdmin } from '../technicians/technicians.policy';
import { presentCustomField } from './custom-fields.presenter';
import {
  deleteCustomField,
  findCustomFieldById,
  findCustomFieldDefinitions,
  insertCustomField,
  removeCustomFieldValues,
  updateCustomField,
} from './custom-fields.repo';

type Options = NonNullable<CustomFieldCreate['options']>;

/** A select needs options with distinct values; the other types take none. */
function assertOptionsFit(type: CustomFieldType, options: Options | undefined): void {
  const problems: { path: string; message: string }[] = [];
  if (type === 'select') {
    if (!options || options.length === 0)
      problems.push({ path: 'body.options', message: 'a select field needs at least one option' });
    const seen = new Set<string>();
    options?.forEach((option, index) => {
      if (seen.has(option.value))
        problems.push({ path: `body.options.${index}.value`, message: `${option.value} is listed twice` });
      seen.add(option.value);
    });
  } else if (options && options.length > 0) {
    problems.push({ path: 'body.options', message: `a ${type} field has no options` });
  }
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      `The field is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
}

export function createCustomFieldsService(db: Db) {
  async function getOrThrow(tx: Db, id: string) {
    const row = await findCustomFieldById(tx, id);
    if (!row) throw new AppError('not_found', 'No custom field with this id.');
    return row;
  }

  return {
    /** Any technician: the ticket forms need the definitions. */
    async list(_actor: TechnicianActor): Promise<CustomField[]> {
      return (await findCustomFieldDefinitions(db)).map(presentCustomField);
    },

    async create(actor: TechnicianActor, input: CustomFieldCreate): Promise<CustomField> {
      requireAdmin(actor);
      assertOptionsFit(input.type, input.options);
      return db.transaction(async (tx) => {
        const row = await insertCustomField(tx, {
          key: input.key,
          label: input.label,
          type: input.type,
          options: input.options ?? [],
          required: input.required ?? false,
          portalVisibility: input.portalVisibility ?? 'edit',
          position: input.position ?? 0,
        });
        if (!row) throw new AppError('key_taken', `A custom field with the key ${input.key} already exists.`);
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'custom_field.created',
          target: { type: 'custom_field', id: row.id },
          details: { key: row.key, type: row.type },
        });
        return presentCustomField(row);
      });
    },

    async update(actor: TechnicianActor, id: string, input: CustomFieldUpdate): Promise<CustomField> {
      requireAdmin(actor);
      return db.transaction(async (tx) => {
        const current = await getOrThrow(tx, id);
        if (input.options !== undefined) assertOptionsFit(current.type, input.options);
        if (Object.keys(input).length === 0) return presentCustomField(current);
        const row = await updateCustomField(tx, id, input);
        if (!row) throw new AppError('not_found', 'No custom field with this id.');
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'custom_field.updated',
          target: { type: 'custom_field', id },
          details: { key: row.key, fields: Object.keys(input) },
        });
        return presentCustomField(row);
      });
    },

    /** The field's values go with it, from every ticket, in the same transaction. */
    async remove(actor: TechnicianActor, id: string): Promise<void> {
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const row = await deleteCustomField(tx, id);
        if (!row) throw new AppError('not_found', 'No custom field with this id.');
        const ticketsCleared = await removeCustomFieldValues(tx, row.key);
        await bumpCacheVersion(tx);
        await recordAudit(tx, {
          actor,
          action: 'custom_field.deleted',
          target: { type: 'custom_field', id },
          details: { key: row.key, type: row.type, ticketsCleared },
        });
      });
    },
  };
}

export type CustomFieldsService = ReturnType<typeof createCustomFieldsService>;
