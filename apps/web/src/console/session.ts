import type { Language, Technician, TechnicianLogin } from '@atrium/shared';
import type { i18n } from 'i18next';
import { ApiError, errorCode, onUnauthorized } from '../lib/api';
import { invalidateAll } from '../lib/cache';
import { createStore } from '../lib/store';
import { consoleApi } from './api';

/** The signed-in technician, or null: the console then shows its sign-in page. */
export const consoleSession = createStore<Technician | null>(null);

// Reference data (technicians, statuses…) belongs to whoever was signed in when it was loaded.
consoleSession.subscribe(invalidateAll);

export type SessionStart =
  | { status: 'signed-in'; technician: Technician }
  | { status: 'signed-out' }
  | { status: 'failed'; code: string };

/** Finds out who is signed in, and ends the session whenever any later call answers 401. */
export async function startSession(): Promise<SessionStart> {
  onUnauthorized(() => consoleSession.set(null));
  try {
    const technician = await consoleApi.getMe();
    consoleSession.set(technician);
    return { status: 'signed-in', technician };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'signed-out' };
    return { status: 'failed', code: errorCode(error) };
  }
}

/** The technician's language wins over the browser's, which the sign-in page was shown in. */
export async function signIn(i18n: i18n, credentials: TechnicianLogin): Promise<void> {
  const technician = await consoleApi.signIn(credentials);
  await i18n.changeLanguage(technician.language);
  consoleSession.set(technician);
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

let latestLanguageRequest = 0;

/**
 * Saves the technician's language and switches the console to it. When choices overlap (arrowing
 * through the list), only the last one is applied, whatever order the answers arrive in.
 * Resolves to false when a later choice superseded this one.
 */
export async function saveLanguage(i18n: i18n, language: Language): Promise<boolean> {
  const request = ++latestLanguageRequest;
  let technician: Technician;
  try {
    technician = await consoleApi.updatePreferences({ language });
  } catch (error) {
    if (request !== latestLanguageRequest) return false;
    throw error;
  }
  if (request !== latestLanguageRequest) return false;
  await i18n.changeLanguage(technician.language);
  if (request !== latestLanguageRequest) return false;
  consoleSession.set(technician);
  return true;
}
