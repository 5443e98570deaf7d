import type { ContactCreate, CredentialsMail, PortalSettingsResponse } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { generatePassword, hashPassword } from '../../lib/passwords';
import { recordAudit } from '../audit/audit.repo';
import { deleteResetTokensOf } from '../auth/password-reset.repo';
import { deleteSessionsOfContact } from '../auth/sessions.repo';
import { type ContactRow, insertContact, updateContact } from './contacts.repo';
import { type QueueCredentialsMail, skippedMail } from './credentials-mail';

export type PortalCredentials = { portalPassword: string; passwordHash: string };

/** A generated portal password and its hash. Hashing is slow: do it before the transaction opens. */
export async function newPortalCredentials(): Promise<PortalCredentials> {
  const portalPassword = generatePassword();
  return { portalPassword, passwordHash: await hashPassword(portalPassword) };
}

/** Null: an unassigned contact (mail from a domain no customer has). */
export type NewContact = Omit<ContactCreate, 'customerId'> & { customerId: string | null };

/**
 * The one way a contact comes to exist, for the console and for inbound mail alike: the row, the
 * welcome email when the portal setting is on and the technician did not decline it (and the
 * contact's customer has the portal: see `queueCredentialsMail`), and the audit row, inside the
 * caller's transaction. The caller has checked that the email and username are free.
 */
export async function writeContact(
  tx: Db,
  queueCredentialsMail: QueueCredentialsMail,
  actor: TechnicianActor | { kind: 'system' },
  input: NewContact,
  credentials: PortalCredentials,
  portal: Pick<PortalSettingsResponse, 'welcomeEmail'>,
): Promise<{ contact: ContactRow; mail: CredentialsMail }> {
  const { sendWelcomeEmail, ...fields } = input;
  const row = await insertContact(tx, {
    ...fields,
    username: fields.username ?? fields.email,
    phone: fields.phone ?? null,
    passwordHash: credentials.passwordHash,
    mustChangePassword: true,
  });
  const mail = !portal.welcomeEmail.enabled
    ? skippedMail('welcome_email_off')
    : sendWelcomeEmail === false
      ? skippedMail('not_requested')
      : await queueCredentialsMail(tx, row, credentials.portalPassword, 'welcome');
  await recordAudit(tx, {
    actor,
    action: 'contact.created',
    target: { type: 'contact', id: row.id },
    details: {
      customerId: row.customerId,
      email: row.email,
      welcomeEmail: mail.emailQueued,
      welcomeEmailSkipped: mail.emailSkipped,
    },
  });
  return { contact: row, mail };
}

/**
 * The one way a contact's password changes (a technician's reset, their own change or choice, a
 * reset link), in the caller's transaction. A generated password is a one-time key: the contact
 * must choose their own at sign-in. Sessions opened with the old password end (but
 * `keepSessionId`, the one asking), and reset links still in the mailbox stop working.
 */
export async function writeContactPassword(
  tx: Db,
  contactId: string,
  password: { hash: string; generated: boolean },
  keepSessionId?: string,
): Promise<ContactRow | undefined> {
  const row = await updateContact(tx, contactId, {
    passwordHash: password.hash,
    mustChangePassword: password.generated,
  });
  if (!row) return undefined;
  await deleteSessionsOfContact(tx, contactId, keepSessionId);
  await deleteResetTokensOf(tx, { contactId });
  return row;
}
