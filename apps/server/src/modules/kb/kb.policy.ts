import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import type { KbScope } from './kb.repo';

/** Every technician writes the knowledge base (no admin role needed); contacts only read it. */
export function requireKbEditor(actor: Actor): void {
  if (actor.kind !== 'technician')
    throw new AppError('forbidden', 'Only technicians can edit the knowledge base.');
}

/**
 * What a caller reads: contacts only ever see shared, published articles (whatever they ask for);
 * technicians see everything, or the portal's view when they ask for it.
 */
export function kbScopeFor(actor: Actor, options: { portal?: boolean } = {}): KbScope {
  return actor.kind === 'contact' || options.portal ? 'portal' : 'all';
}
