import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { createPoller } from '../../lib/poller';
import { RESET_REQUEST_LIMITS, SIGN_IN_LIMITS } from './attempt-limits';
import { deleteExpiredAttempts } from './login-throttle.repo';
import { deleteExpiredResetTokens } from './password-reset.repo';
import { deleteExpiredSessions } from './sessions.repo';

const HOUR_MS = 60 * 60 * 1000;

/** The longest window any attempt count is kept for: past it, every count starts over anyway. */
const LONGEST_WINDOW_SECONDS = Math.max(SIGN_IN_LIMITS.windowSeconds, RESET_REQUEST_LIMITS.windowSeconds);

/** Removes what sign-in leaves behind once it can no longer be used. */
export async function removeExpiredSignInData(db: Db): Promise<void> {
  await deleteExpiredSessions(db);
  await deleteExpiredResetTokens(db);
  await deleteExpiredAttempts(db, LONGEST_WINDOW_SECONDS);
}

/**
 * Expired sessions, reset links and attempt counts refuse everything already; without this they
 * would stay forever, a row per sign-in and per address that ever tried one. Hourly, on every
 * process (the deletes are the same whoever runs them first).
 */
export function createAuthHousekeeping(db: Db, log: FastifyBaseLogger) {
  return createPoller(
    'removing expired sessions and sign-in data',
    () => removeExpiredSignInData(db),
    HOUR_MS,
    log,
  );
}
