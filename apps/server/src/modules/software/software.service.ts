import {
  type Software,
  type SoftwareCreate,
  type SoftwareUpdate,
  softwarePackageProblems,
} from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError, validationFailed } from '../../lib/app-error';
import { recordAudit } from '../audit/audit.repo';
import { requireAdmin } from '../technicians/technicians.policy';
import { presentSoftware } from './software.presenter';
import {
  deleteSoftware,
  findSoftwareCatalog,
  findSoftwareForUpdate,
  insertSoftware,
  type SoftwareValues,
  updateSoftware,
} from './software.repo';

const FIELDS = ['name', 'chocolatey', 'homebrew', 'homebrewCask'] as const satisfies (keyof SoftwareValues)[];

/**
 * The create schema makes the same check; an update is only known to leave a usable entry once
 * merged into the stored one.
 */
function assertUsable(values: SoftwareValues): void {
  const problems = softwarePackageProblems(values);
  if (problems.length > 0) {
    throw validationFailed(
      problems.map((problem) => ({ path: `body.${problem.path}`, message: problem.message })),
    );
  }
}

const notFound = () => new AppError('not_found', 'No software with this id in the catalog.');

export function createSoftwareService(db: Db) {
  return {
    /** Any technician: devices pages offer the catalog's installs. */
    async list(_actor: TechnicianActor): Promise<Software[]> {
      return (await findSoftwareCatalog(db)).map(presentSoftware);
    },

    async create(actor: TechnicianActor, input: SoftwareCreate): Promise<Software> {
      requireAdmin(actor);
      const values: SoftwareValues = {
        name: input.name,
        chocolatey: input.chocolatey ?? null,
        homebrew: input.homebrew ?? null,
        homebrewCask: input.homebrewCask ?? false,
      };
      assertUsable(values);
      return db.transaction(async (tx) => {
        const row = await insertSoftware(tx, values);
        await recordAudit(tx, {
          actor,
          action: 'software.created',
          target: { type: 'software', id: row.id },
          details: values,
        });
        return presentSoftware(row);
      });
    },

    /** Fields left out keep their value; `null` removes a package id, as long as one remains. */
    async update(actor: TechnicianActor, id: string, input: SoftwareUpdate): Promise<Software> {
      requireAdmin(actor);
      return db.transaction(async (tx) => {
        const current = await findSoftwareForUpdate(tx, id);
        if (!current) throw notFound();
        const homebrew = input.homebrew === undefined ? current.homebrew : input.homebrew;
        const values: SoftwareValues = {
          name: input.name ?? current.name,
          chocolatey: input.chocolatey === undefined ? current.chocolatey : input.chocolatey,
          homebrew,
          // Removing the Homebrew id takes the cask flag with it, unless the request sets the flag.
          homebrewCask: input.homebrewCask ?? (homebrew !== null && current.homebrewCask),
        };
        assertUsable(values);
        const changed = FIELDS.filter((field) => values[field] !== current[field]);
        if (changed.length === 0) return presentSoftware(current);
        const row = await updateSoftware(tx, id, values);
        if (!row) throw notFound();
        await recordAudit(tx, {
          actor,
          action: 'software.updated',
          target: { type: 'software', id },
          details: {
            name: row.name,
            changes: Object.fromEntries(
              changed.map((field) => [field, { from: current[field], to: values[field] }]),
            ),
          },
        });
        return presentSoftware(row);
      });
    },

    async remove(actor: TechnicianActor, id: string): Promise<void> {
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const row = await deleteSoftware(tx, id);
        if (!row) throw notFound();
        await recordAudit(tx, {
          actor,
          action: 'software.deleted',
          target: { type: 'software', id },
          details: Object.fromEntries(FIELDS.map((field) => [field, row[field]])),
        });
      });
    },
  };
}

export type SoftwareService = ReturnType<typeof createSoftwareService>;
