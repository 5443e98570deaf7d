import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';

/**
 * A script holding a token must not turn one leaked token into many (each outliving the revocation
 * of the first): only an admin's token may create tokens. A person at the console always may.
 */
export function requireCanCreateToken(actor: TechnicianActor): void {
  if (actor.via === 'token' && actor.role !== 'admin') {
    throw new AppError('forbidden', 'An API token can create tokens only for an administrator.');
  }
}
