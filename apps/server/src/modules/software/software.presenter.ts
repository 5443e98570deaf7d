import { SOFTWARE_OSES, type Software, softwareSupports } from '@atrium/shared';
import type { SoftwareRow } from './software.repo';

export function presentSoftware(row: SoftwareRow): Software {
  return {
    id: row.id,
    name: row.name,
    chocolatey: row.chocolatey,
    homebrew: row.homebrew,
    homebrewCask: row.homebrewCask,
    approved: true,
    supportedOs: SOFTWARE_OSES.filter((os) => softwareSupports(row, os)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
