import type { Db } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { releaseAttempts, reserveAttempts } from './login-throttle.repo';

type Audience = 'technician' | 'contact';
type Limit = { key: string; max: number };
export type Attempt = {
  limits: readonly Limit[];
  windowSeconds: number;
  /** Counts that start over when the attempt succeeds. */
  clearedOnSuccess?: readonly string[];
};

/**
 * Password guesses: per account from one address (a person mistyping), per address (one client
 * trying many accounts), and a ceiling per account across addresses (many clients on one account).
 * The ceiling is higher than the first, so one address alone never locks an account for everyone.
 */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  perAccountAndAddress: 10,
  perAddress: 50,
  perAccount: 30,
};

/** "Forgot password?" mail: a few per account, more per address (an office behind one NAT). */
export const RESET_REQUEST_LIMITS = { windowSeconds: 60 * 60, perAccount: 5, perAddress: 20 };

/** The account is named as it was typed (lower-cased), so unknown accounts are limited like known ones. */
const accountKey = (audience: Audience, login: string) => `${audience}:${login.trim().toLowerCase()}`;

export function signInAttempt(audience: Audience, login: string, ip: string): Attempt {
  const account = accountKey(audience, login);
  const accountAndAddress = `${account}|ip:${ip}`;
  return {
    windowSeconds: SIGN_IN_LIMITS.windowSeconds,
    clearedOnSuccess: [accountAndAddress],
    limits: [
      { key: accountAndAddress, max: SIGN_IN_LIMITS.perAccountAndAddress },
      { key: `ip:${ip}`, max: SIGN_IN_LIMITS.perAddress },
      { key: account, max: SIGN_IN_LIMITS.perAccount },
    ],
  };
}

export function resetRequestAttempt(audience: Audience, login: string, ip: string): Attempt {
  return {
    windowSeconds: RESET_REQUEST_LIMITS.windowSeconds,
    limits: [
      { key: `reset:${accountKey(audience, login)}`, max: RESET_REQUEST_LIMITS.perAccount },
      { key: `reset:ip:${ip}`, max: RESET_REQUEST_LIMITS.perAddress },
    ],
  };
}

const keysOf = (attempt: Attempt) => attempt.limits.map((limit) => limit.key);

/**
 * Counts the attempt before any password is checked, atomically, and refuses it when a count is
 * over its limit. A refused attempt takes itself back: only attempts that were checked (or are
 * being checked) count, so waiting out the window is enough.
 */
export async function reserveAttempt(db: Db, attempt: Attempt): Promise<void> {
  const counts = await reserveAttempts(db, keysOf(attempt), attempt.windowSeconds);
  if (attempt.limits.some((limit) => (counts.get(limit.key) ?? 0) > limit.max)) {
    await releaseAttempts(db, keysOf(attempt));
    throw new AppError('rate_limited', 'Too many attempts. Wait a few minutes and try again.');
  }
}

/**
 * A right password was no guess: its reservation is taken back everywhere, and the count of this
 * account from this address starts over.
 */
export async function releaseSucceededAttempt(db: Db, attempt: Attempt): Promise<void> {
  await releaseAttempts(db, keysOf(attempt), attempt.clearedOnSuccess);
}
