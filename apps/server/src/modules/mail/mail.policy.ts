import { holdsCredentials } from '@atrium/shared';
import type { TechnicianActor } from '../../lib/actor';

/**
 * Whether a technician may read a queued mail's text in the console. Mail that hands over a way
 * into an account (a password, a reset link) is for its recipient: in outbox mode (no SMTP) admins
 * deliver it by hand, so they read it; nobody else does, and with SMTP nobody at all.
 */
export function canReadMailText(actor: TechnicianActor, kind: string, isOutboxMode: boolean): boolean {
  return !holdsCredentials(kind) || (isOutboxMode && actor.role === 'admin');
}
