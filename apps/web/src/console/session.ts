import type { Technician, TechnicianLogin } from '@atrium/shared';
import { ApiError, errorCode, onUnauthorized } from '../lib/api';
import { invalidateAll } from '../lib/cache';
import { createStore } from '../lib/store';
import { consoleApi } from './api';

/** The signed-in technician, or null: the console then shows its sign-in page. */
export const consoleSession = createStore<Technician | null>(null);

// Reference data (technicians, statuses…) belongs to whoever was signed in when it was loaded.
consoleSession.subscribe(invalidateAll);

export type SessionStart = { status: 'ready' } | { status: 'failed'; code: string };

/** Finds out who is signed in, and ends the session whenever any later call answers 401. */
export async function startSession(): Promise<SessionStart> {
  onUnauthorized(() => consoleSession.set(null));
  try {
    consoleSession.set(await consoleApi.getMe());
    return { status: 'ready' };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'ready' };
    return { status: 'failed', code: errorCode(error) };
  }
}

export async function signIn(credentials: TechnicianLogin): Promise<void> {
  consoleSession.set(await consoleApi.signIn(credentials));
}

export async function signOut(): Promise<void> {
  try {
    await consoleApi.signOut();
  } catch (error) {
    // Already signed out elsewhere: the result is the same.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  consoleSession.set(null);
}
