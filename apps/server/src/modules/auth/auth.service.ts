import type { ContactLogin, PasswordChange, TechnicianLogin } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor, TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../lib/passwords';
import { hashSecret, newSecret } from '../../lib/tokens';
import type { CacheVersion } from '../../lib/versioned-cache';
import { findTechnicianByApiToken, touchApiToken } from '../api-tokens/api-tokens.repo';
import { recordAudit } from '../audit/audit.repo';
import {
  type ContactRow,
  findContactById,
  findContactByUsername,
  updateContact,
} from '../contacts/contacts.repo';
import type { TicketListCache } from '../portal/ticket-list-cache';
import { readCacheVersion } from '../settings/settings.repo';
import { findTechnicianByEmail, type TechnicianRow } from '../technicians/technicians.repo';
import { clearFailures, countFailures, recordFailure } from './login-throttle.repo';
import {
  deleteOtherSessionsOfContact,
  deleteSession,
  findContactBySession,
  findTechnicianBySession,
  insertSession,
} from './sessions.repo';

export const SESSION_TTL_SECONDS = 14 * 24 * 3600;
/** Sign-in limits: failures per account and per client address within the window. */
export const LOGIN_LIMITS = { windowSeconds: 15 * 60, perAccount: 10, perIp: 50 };
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
  /**
   * Shared by both audiences: throttle, verify (unknown accounts cost the same time as known ones),
   * count the failure, and answer the same `invalid_credentials` whichever part was wrong.
   */
  async function checkCredentials<T extends { id: string; passwordHash: string }>(
    audience: 'technician' | 'contact',
    login: string,
    password: string,
    client: ClientInfo,
    find: () => Promise<T | undefined>,
  ): Promise<T> {
    const accountKey = `${audience}:${login.toLowerCase()}`;
    const ipKey = `ip:${client.ip}`;
    const failures = await countFailures(db, [accountKey, ipKey], LOGIN_LIMITS.windowSeconds);
    if (
      (failures.get(accountKey) ?? 0) >= LOGIN_LIMITS.perAccount ||
      (failures.get(ipKey) ?? 0) >= LOGIN_LIMITS.perIp
    ) {
      throw new AppError('rate_limited', 'Too many failed sign-ins. Wait 15 minutes and try again.');
    }
    const account = await find();
    const ok = account
      ? await verifyPassword(password, account.passwordHash)
      : await verifyAgainstDecoy(password);
    if (!account || !ok) {
      await recordFailure(db, [accountKey, ipKey], LOGIN_LIMITS.windowSeconds);
      throw new AppError('invalid_credentials', 'The username or password is not correct.');
    }
    await clearFailures(db, accountKey);
    return account;
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
     * A contact's new password. A wrong current password counts as a failed sign-in (same limits),
     * and every other session of the contact ends; this one stays.
     */
    async changeContactPassword(
      actor: ContactActor,
      input: PasswordChange,
      sessionToken: string,
    ): Promise<void> {
      const contact = await findContactById(db, actor.id);
      if (!contact) throw new AppError('unauthenticated');
      const accountKey = `contact:${contact.username}`;
      const failures = await countFailures(db, [accountKey], LOGIN_LIMITS.windowSeconds);
      if ((failures.get(accountKey) ?? 0) >= LOGIN_LIMITS.perAccount) throw new AppError('rate_limited');
      if (!(await verifyPassword(input.currentPassword, contact.passwordHash))) {
        await recordFailure(db, [accountKey], LOGIN_LIMITS.windowSeconds);
        throw new AppError('wrong_password');
      }
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await updateContact(tx, actor.id, { passwordHash });
        await deleteOtherSessionsOfContact(tx, actor.id, hashSecret(sessionToken));
        await recordAudit(tx, {
          actor,
          action: 'contact.password_changed',
          target: { type: 'contact', id: actor.id },
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
      const found = await findTechnicianByApiToken(db, hashSecret(token));
      if (!found) return undefined;
      if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
        await touchApiToken(db, found.tokenId);
      }
      return technicianActor(found.technician, ip, 'token');
    },

    async contactFromSession(sessionToken: string, ip: string): Promise<ContactActor | undefined> {
      const found = await findContactBySession(db, hashSecret(sessionToken));
      if (!found) return undefined;
      cacheVersion.observe(found.cacheVersion);
      if (!hasCustomer(found.contact)) return undefined;
      const actor = contactActor(found.contact, ip);
      ticketLists.observe(actor, found.ticketsChangedAt);
      return actor;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
