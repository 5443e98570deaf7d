import type { ContactLogin, Language, PortalMe } from '@atrium/shared';
import type { i18n } from 'i18next';
import { ApiError, errorCode, onUnauthorized } from '../lib/api';
import { createStore } from '../lib/store';
import { portalApi } from './api';

/** The signed-in contact, or null: the portal then shows its sign-in page. */
export const portalSession = createStore<PortalMe | null>(null);

export type SessionStart =
  | { status: 'signed-in'; me: PortalMe }
  | { status: 'signed-out' }
  | { status: 'failed'; code: string };

/** Finds out who is signed in, and ends the session whenever any later call answers 401. */
export async function startSession(): Promise<SessionStart> {
  onUnauthorized(() => portalSession.set(null));
  try {
    const me = await portalApi.getMe();
    portalSession.set(me);
    return { status: 'signed-in', me };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'signed-out' };
    return { status: 'failed', code: errorCode(error) };
  }
}

/** The contact's language wins over whatever the sign-in page was showing. */
export async function signIn(i18n: i18n, credentials: ContactLogin): Promise<void> {
  const me = await portalApi.signIn(credentials);
  await i18n.changeLanguage(me.language);
  portalSession.set(me);
}

export async function signOut(): Promise<void> {
  try {
    await portalApi.signOut();
  } catch (error) {
    // Already signed out elsewhere: the result is the same.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  portalSession.set(null);
}

/**
 * Reads again what the portal offers this contact (an admin switched a section off since sign-in):
 * the menu follows. A failure leaves things as they are; the page already says what went wrong.
 */
export function refreshMe(): void {
  portalApi.getMe().then(
    (me) => portalSession.set(me),
    () => {},
  );
}

let latestLanguageRequest = 0;

/**
 * Saves the contact's language and switches the UI to it. When choices overlap (arrowing through
 * the list), only the last one is applied, whatever order the answers arrive in.
 * Resolves to false when a later choice superseded this one.
 */
export async function saveLanguage(i18n: i18n, language: Language): Promise<boolean> {
  const request = ++latestLanguageRequest;
  let me: PortalMe;
  try {
    me = await portalApi.updateMe({ language });
  } catch (error) {
    if (request !== latestLanguageRequest) return false;
    throw error;
  }
  if (request !== latestLanguageRequest) return false;
  await i18n.changeLanguage(me.language);
  if (request !== latestLanguageRequest) return false;
  portalSession.set(me);
  return true;
}
