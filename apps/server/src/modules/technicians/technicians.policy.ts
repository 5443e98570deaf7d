import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';

/** Managing technicians is for admins; everyone else is told so (they know the section exists). */
export function requireAdmin(actor: Actor): void {
  if (actor.kind !== 'technician' || actor.role !== 'admin') {
    throw new AppError('forbidden', 'Only administrators can do this.');
  }
}
