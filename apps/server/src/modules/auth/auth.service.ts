import type { ContactLogin, PasswordChange, PasswordChoice, TechnicianLogin } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor, TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { createBatchedCalls } from '../../lib/batches';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../lib/passwords';
import { hashSecret, newSecret } from '../../lib/tokens';
import type { CacheVersion } from '../../lib/versioned-cache';
import { findTechniciansByApiTokens, touchApiToken } from '../api-tokens/api-tokens.repo';
import { recordAudit } from '../audit/audit.repo';
import { writeContactPassword } from '../contacts/contact-writes';
import { type ContactRow, findContactById, findContactByUsername } from '../contacts/contacts.repo';
import type { TicketListCache } from '../portal/ticket-list-cache';
import { readCacheVersion } from '../settings/settings.repo';
import { writeTechnicianPassword } from '../technicians/technician-password';
import {
  findTechnicianByEmail,
  findTechnicianById,
  type TechnicianRow,
} from '../technicians/technicians.repo';
import { type Attempt, releaseSucceededAttempt, reserveAttempt, signInAttempt } from './attempt-limits';
import {
  deleteSession,
  findContactsBySessions,
  findTechnicianBySession,
  insertSession,
} from './sessions.repo';

export const SESSION_TTL_SECONDS = 14 * 24 * 3600;
/** How often an API token's last-used time is written (not on every request). */
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export type ClientInfo = { ip: string; userAgent: string | undefined };

export function technicianActor(
  row: TechnicianRow,
  ip: string,
  via: TechnicianActor['via'] = 'session',
): TechnicianActor {
  return { kind: 'technician', id: row.id, role: row.role, name: row.name, email: row.email, ip, via };
}

type ActingContact = Pick<ContactRow, 'id' | 'customerId' | 'isPrimary' | 'firstName' | 'lastName'>;

export function contactActor(row: ActingContact, ip: string): ContactActor {
  return {
    kind: 'contact',
    id: row.id,
    customerId: row.customerId,
    isPrimary: row.isPrimary,
    name: `${row.firstName} ${row.lastName}`,
    ip,
  };
}

/** A contact without a customer (unknown mail domain) has no portal to sign in to. */
function hasCustomer<T extends ActingContact>(row: T | undefined): row is T & { customerId: string } {
  return Boolean(row?.customerId);
}

export function createAuthService(db: Db, cacheVersion: CacheVersion, ticketLists: TicketListCache) {
  /** The API requests of a moment are looked up in one statement (an API client sends many at once). */
  const technicianByApiToken = createBatchedCalls(
    (tokenHashes: string[]) => findTechniciansByApiTokens(db, tokenHashes),
    async (tokenHash: string) => (await findTechniciansByApiTokens(db, [tokenHash]))[0] ?? null,
  );
  /** Portal requests are many and short: a moment's sessions are looked up in one statement. */
  const contactBySession = createBatchedCalls(
    (sessionIds: string[]) => findContactsBySessions(db, sessionIds),
    async (sessionId: string) => (await findContactsBySessions(db, [sessionId]))[0] ?? null,
  );
  /** When this process last wrote each token's last-used time. */
  const touchedAt = new Map<string, number>();

  /**
   * Shared by both audiences: the attempt is counted first (parallel guesses cannot slip past the
   * limits), then the password is verified (unknown accounts cost the same time as known ones), and
   * every failure answers the same `invalid_credentials` whichever part was wrong.
   */
  async function checkCredentials<T extends { id: string; passwordHash: string }>(
    audience: 'technician' | 'contact',
    login: string,
    password: string,
    client: ClientInfo,
    find: () => Promise<T | undefined>,
  ): Promise<T> {
    const attempt = signInAttempt(audience, login, client.ip);
    await reserveAttempt(db, attempt);
    const account = await find();
    const ok = account
      ? await verifyPassword(password, account.passwordHash)
      : await verifyAgainstDecoy(password);
    if (!account || !ok)
      throw new AppError('invalid_credentials', 'The username or password is not correct.');
    await releaseSucceededAttempt(db, attempt);
    return account;
  }

  /** The current password proves it is them; a wrong one counts as a failed sign-in (same limits). */
  async function checkCurrentPassword(attempt: Attempt, password: string, passwordHash: string) {
    await reserveAttempt(db, attempt);
    if (!(await verifyPassword(password, passwordHash))) throw new AppError('wrong_password');
    await releaseSucceededAttempt(db, attempt);
  }

  async function openSession(
    tx: Db,
    owner: { technicianId: string } | { contactId: string },
    client: ClientInfo,
  ): Promise<string> {
    const { secret, hash } = newSecret();
    await insertSession(tx, {
      id: hash,
      audience: 'technicianId' in owner ? 'technician' : 'contact',
      ...owner,
      expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
    return secret;
  }

  return {
    async signInTechnician(input: TechnicianLogin, client: ClientInfo) {
      const row = await checkCredentials('technician', input.email, input.password, client, () =>
        findTechnicianByEmail(db, input.email),
      );
      const actor = technicianActor(row, client.ip);
      const sessionToken = await db.transaction(async (tx) => {
        const token = await openSession(tx, { technicianId: row.id }, client);
        await recordAudit(tx, {
          actor,
          action: 'technician.signed_in',
          target: { type: 'technician', id: row.id },
        });
        return token;
      });
      return { actor, row, sessionToken };
    },

    async signInContact(input: ContactLogin, client: ClientInfo) {
      const row = await checkCredentials('contact', input.username, input.password, client, async () => {
        const contact = await findContactByUsername(db, input.username);
        return hasCustomer(contact) ? contact : undefined;
      });
      const actor = contactActor(row, client.ip);
      const sessionToken = await db.transaction(async (tx) => {
        const token = await openSession(tx, { contactId: row.id }, client);
        await recordAudit(tx, {
          actor,
          action: 'contact.signed_in',
          target: { type: 'contact', id: row.id },
        });
        return token;
      });
      // The sign-in answer already shows the portal as configured now, though no session was read.
      cacheVersion.observe(await readCacheVersion(db));
      return { actor, sessionToken };
    },

    /**
     * A contact's new password, proven by the current one. Every other session of the contact ends;
     * this one stays.
     */
    async changeContactPassword(
      actor: ContactActor,
      input: PasswordChange,
      sessionToken: string,
    ): Promise<void> {
      const contact = await findContactById(db, actor.id);
      if (!contact) throw new AppError('unauthenticated');
      const attempt = signInAttempt('contact', contact.username, actor.ip);
      await checkCurrentPassword(attempt, input.currentPassword, contact.passwordHash);
      const hash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await writeContactPassword(tx, actor.id, { hash, generated: false }, hashSecret(sessionToken));
        await recordAudit(tx, {
          actor,
          action: 'contact.password_changed',
          target: { type: 'contact', id: actor.id },
        });
      });
    },

    /**
     * The contact signed in with a password Atrium generated (this session proved it) and now chooses
     * their own, which may not be that one again. Their other sessions end.
     */
    async chooseContactPassword(
      actor: ContactActor,
      input: PasswordChoice,
      sessionToken: string,
    ): Promise<void> {
      const contact = await findContactById(db, actor.id);
      if (!contact) throw new AppError('unauthenticated');
      if (!contact.mustChangePassword)
        throw new AppError(
          'forbidden',
          'Change your password with your current one (POST /portal/api/me/password).',
        );
      if (await verifyPassword(input.password, contact.passwordHash))
        throw new AppError('password_unchanged');
      const hash = await hashPassword(input.password);
      await db.transaction(async (tx) => {
        await writeContactPassword(tx, actor.id, { hash, generated: false }, hashSecret(sessionToken));
        await recordAudit(tx, {
          actor,
          action: 'contact.password_chosen',
          target: { type: 'contact', id: actor.id },
        });
      });
    },

    /**
     * A technician's new password, proven by the current one: their other sessions end and their API
     * tokens are revoked (see `writeTechnicianPassword`).
     */
    async changeTechnicianPassword(
      actor: TechnicianActor,
      input: PasswordChange,
      sessionToken: string | undefined,
    ): Promise<void> {
      const technician = await findTechnicianById(db, actor.id);
      if (!technician) throw new AppError('unauthenticated');
      const attempt = signInAttempt('technician', technician.email, actor.ip);
      await checkCurrentPassword(attempt, input.currentPassword, technician.passwordHash);
      const hash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await writeTechnicianPassword(tx, actor, actor.id, hash, sessionToken && hashSecret(sessionToken));
        await recordAudit(tx, {
          actor,
          action: 'technician.password_changed',
          target: { type: 'technician', id: actor.id },
        });
      });
    },

    async signOut(sessionToken: string): Promise<void> {
      await deleteSession(db, hashSecret(sessionToken));
    },

    async technicianFromSession(sessionToken: string, ip: string): Promise<TechnicianActor | undefined> {
      const row = await findTechnicianBySession(db, hashSecret(sessionToken));
      return row && technicianActor(row, ip);
    },

    async technicianFromApiToken(token: string, ip: string): Promise<TechnicianActor | undefined> {
      const found = await technicianByApiToken(hashSecret(token));
      if (!found) return undefined;
      const lastUsed = Math.max(found.lastUsedAt?.getTime() ?? 0, touchedAt.get(found.tokenId) ?? 0);
      if (Date.now() - lastUsed > TOKEN_TOUCH_INTERVAL_MS) {
        // Noted before the write: the other requests of this moment read the same old time, and
        // each writing it would queue on the token's row lock.
        touchedAt.set(found.tokenId, Date.now());
        await touchApiToken(db, found.tokenId);
      }
      return technicianActor(found.technician, ip, 'token');
    },

    /** The session's contact, and whether all they may do yet is choose their password. */
    async contactFromSession(
      sessionToken: string,
      ip: string,
    ): Promise<{ actor: ContactActor; mustChangePassword: boolean } | undefined> {
      const found = await contactBySession(hashSecret(sessionToken));
      if (!found) return undefined;
      cacheVersion.observe(found.cacheVersion);
      if (!hasCustomer(found.contact)) return undefined;
      const actor = contactActor(found.contact, ip);
      ticketLists.observe(actor, found.ticketsChangedAt);
      return { actor, mustChangePassword: found.contact.mustChangePassword };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
