import type { Technician } from '@atrium/shared';
import type { TechnicianRow } from './technicians.repo';

export function presentTechnician(row: TechnicianRow): Technician {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
    createdAt: row.createdAt.toISOString(),
  };
}
