import { type DeviceOs, softwareSupports } from '@atrium/shared';
import type { Db } from '../../db/client';
import { AppError, invalidField } from '../../lib/app-error';
import { findSoftware } from '../software/software.repo';

/**
 * What an install command carries (SPEC §6): the package of an approved catalog entry for the
 * device's OS, and nothing a requester typed. Anything else is refused before it reaches the agent.
 */
export async function installParams(
  db: Db,
  softwareId: string | undefined,
  os: DeviceOs,
): Promise<Record<string, unknown>> {
  if (!softwareId) throw invalidField('softwareId', 'an install needs a software id from the catalog');
  const entry = await findSoftware(db, softwareId);
  if (!entry || !softwareSupports(entry, os)) {
    throw new AppError('rule_refused', 'This software is not in the approved catalog for this device.');
  }
  return os === 'windows'
    ? { softwareId: entry.id, name: entry.name, chocolatey: entry.chocolatey }
    : { softwareId: entry.id, name: entry.name, homebrew: entry.homebrew, homebrewCask: entry.homebrewCask };
}
