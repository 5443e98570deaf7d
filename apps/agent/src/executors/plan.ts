import type { ActionType } from '@atrium/shared';

/**
 * What an executor decides, before anything runs: the argv of every step, never a shell string,
 * so no parameter can become a second command. Plans are pure; `run.ts` executes them.
 */

/** `stdin` carries what must not appear on a command line (process lists and EDR logs show argv). */
export type Step = { file: string; args: string[]; stdin?: string };

export type Plan = {
  steps: Step[];
  /** Exit codes that count as success, for every step. */
  successCodes: number[];
  /** Success codes that also mean "reboot needed" (MSI 1641/3010). */
  rebootCodes: number[];
};

export type PlanOrRefusal = Plan | { refused: string };

/** What the planners need to know about the machine, from the inventory (or the simulation). */
export type PlanEnv = {
  /** The user at the console, if any. */
  user: string | null;
  uid: number | null;
  /** Windows session id of that user. */
  sessionId: number | null;
  /** macOS: the user who owns the Homebrew prefix (brew refuses to run as root). */
  brewOwner: string | null;
  fileVault: boolean;
  /** macOS: an admin with a SecureToken the agent may use, if one is configured. */
  secureTokenAdmin: string | null;
};

export type Planner = (action: ActionType, params: Record<string, unknown>, env: PlanEnv) => PlanOrRefusal;

export function planOf(steps: Step[], codes: Partial<Pick<Plan, 'successCodes' | 'rebootCodes'>> = {}): Plan {
  return { steps, successCodes: codes.successCodes ?? [0], rebootCodes: codes.rebootCodes ?? [] };
}

export function isRefusal(plan: PlanOrRefusal): plan is { refused: string } {
  return 'refused' in plan;
}

/**
 * Package ids and user names: a letter or digit first, so nothing can pass for an option (`-x`),
 * and no spaces, quotes or separators.
 */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;

export function isSafeName(value: unknown): value is string {
  return typeof value === 'string' && SAFE_NAME.test(value);
}

export function packageId(
  params: Record<string, unknown>,
  key: 'chocolatey' | 'homebrew',
): string | { refused: string } {
  const id = params[key];
  if (id === undefined) return { refused: `this software has no ${key} package` };
  return isSafeName(id) ? id : { refused: `not an acceptable ${key} package id` };
}

export type Credentials = { user: string; password: string };

/** The machine's own superuser: a self-service reset must never hand its password to a user. */
const SUPERUSERS = new Set(['root', 'administrator']);

export function credentials(params: Record<string, unknown>): Credentials | { refused: string } {
  const { user, password } = params;
  if (!isSafeName(user)) return { refused: 'not an acceptable user name' };
  if (SUPERUSERS.has(user.toLowerCase()))
    return { refused: "the superuser's password is not reset this way" };
  if (typeof password !== 'string' || password.length === 0 || password.length > 256)
    return { refused: 'the password is missing or too long' };
  // A line break would end the password early (ReadLine) or start another user's line (chpasswd).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(password)) return { refused: 'the password contains a control character' };
  return { user, password };
}
