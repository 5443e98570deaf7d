import {
  type ContactForgotPassword,
  PASSWORD_RESET_LINK_MINUTES,
  type PasswordReset,
  type TechnicianForgotPassword,
} from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { hashPassword } from '../../lib/passwords';
import { hashSecret, newSecret } from '../../lib/tokens';
import { recordAudit } from '../audit/audit.repo';
import { writeContactPassword } from '../contacts/contact-writes';
import { type ContactRow, findContactByEmail, findContactByUsername } from '../contacts/contacts.repo';
import { queueMail } from '../mail/mail.repo';
import type { MailTemplatesService } from '../mail/mail-templates.service';
import { createMessageIds } from '../mail/message-ids';
import type { SettingsService } from '../settings/settings.service';
import { writeTechnicianPassword } from '../technicians/technician-password';
import {
  findTechnicianByEmail,
  findTechnicianById,
  type TechnicianRow,
} from '../technicians/technicians.repo';
import { reserveAttempt, resetRequestAttempt } from './attempt-limits';
import { type ClientInfo, contactActor, technicianActor } from './auth.service';
import { insertResetToken, isResetTokenLive, type ResetOwner, takeResetToken } from './password-reset.repo';

/**
 * "Forgot password?" for both audiences (SPEC §4): a one-time link by mail, hashed at rest, expiring.
 * Asking answers the same whether or not the account exists, and is rate-limited per account
 * (as typed) and per address. Using a link sets the password and ends every session of the account.
 */
export function createPasswordResetService(
  db: Db,
  config: Config,
  settings: SettingsService,
  templates: MailTemplatesService,
) {
  const ids = createMessageIds(config);
  const consoleResetUrl = (token: string) =>
    new URL(`reset-password?token=${encodeURIComponent(token)}`, config.publicUrl).href;

  async function issueLink(tx: Db, owner: ResetOwner): Promise<string> {
    const { secret, hash } = newSecret();
    await insertResetToken(tx, {
      ...owner,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + PASSWORD_RESET_LINK_MINUTES * 60_000),
    });
    return secret;
  }

  async function mailContact(tx: Db, contact: ContactRow, client: ClientInfo) {
    const token = await issueLink(tx, { contactId: contact.id });
    const portal = await settings.portalWithin(tx);
    const render = await templates.load(tx);
    const rendered = render('passwordResetLink', contact.language, {
      firstName: contact.firstName,
      lastName: contact.lastName,
      companyName: portal.branding.name,
      resetUrl: `${portal.portalUrl}/reset-password?token=${encodeURIComponent(token)}`,
      expiresInMinutes: String(PASSWORD_RESET_LINK_MINUTES),
    });
    await queueMail(tx, [
      {
        kind: 'passwordResetLink',
        to: contact.email,
        contactId: contact.id,
        ...rendered,
        messageId: ids.next(),
        headers: { 'Auto-Submitted': 'auto-generated' },
      },
    ]);
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'contact.password_reset_requested',
      target: { type: 'contact', id: contact.id },
      details: { ip: client.ip },
    });
  }

  async function mailTechnician(tx: Db, technician: TechnicianRow, client: ClientInfo) {
    const token = await issueLink(tx, { technicianId: technician.id });
    const render = await templates.load(tx);
    const rendered = render('technicianPasswordResetLink', technician.language, {
      name: technician.name,
      resetUrl: consoleResetUrl(token),
      expiresInMinutes: String(PASSWORD_RESET_LINK_MINUTES),
    });
    await queueMail(tx, [
      {
        kind: 'technicianPasswordResetLink',
        to: technician.email,
        ...rendered,
        messageId: ids.next(),
        headers: { 'Auto-Submitted': 'auto-generated' },
      },
    ]);
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'technician.password_reset_requested',
      target: { type: 'technician', id: technician.id },
      details: { ip: client.ip },
    });
  }

  /** Refuses a dead link before the slow part (hashing), and again atomically when it is used. */
  async function hashForLiveLink(audience: 'technician' | 'contact', input: PasswordReset) {
    if (!(await isResetTokenLive(db, audience, hashSecret(input.token))))
      throw new AppError('reset_link_invalid');
    return hashPassword(input.password);
  }

  return {
    async requestForContact(input: ContactForgotPassword, client: ClientInfo): Promise<void> {
      const login = 'username' in input ? input.username : input.email;
      await reserveAttempt(db, resetRequestAttempt('contact', login, client.ip));
      // Usernames default to the email address, and people type either: both find the contact.
      const contact = (await findContactByUsername(db, login)) ?? (await findContactByEmail(db, login));
      // A contact without a customer has no portal to come back to.
      if (!contact?.customerId) return;
      await db.transaction((tx) => mailContact(tx, contact, client));
    },

    async requestForTechnician(input: TechnicianForgotPassword, client: ClientInfo): Promise<void> {
      await reserveAttempt(db, resetRequestAttempt('technician', input.email, client.ip));
      const technician = await findTechnicianByEmail(db, input.email);
      if (!technician) return;
      await db.transaction((tx) => mailTechnician(tx, technician, client));
    },

    async resetContactPassword(input: PasswordReset, client: ClientInfo): Promise<void> {
      const hash = await hashForLiveLink('contact', input);
      await db.transaction(async (tx) => {
        const owner = await takeResetToken(tx, 'contact', hashSecret(input.token));
        const row = owner?.contactId
          ? await writeContactPassword(tx, owner.contactId, { hash, generated: false })
          : undefined;
        if (!row?.customerId) throw new AppError('reset_link_invalid');
        await recordAudit(tx, {
          actor: contactActor(row, client.ip),
          action: 'contact.password_reset',
          target: { type: 'contact', id: row.id },
        });
      });
    },

    async resetTechnicianPassword(input: PasswordReset, client: ClientInfo): Promise<void> {
      const hash = await hashForLiveLink('technician', input);
      await db.transaction(async (tx) => {
        const owner = await takeResetToken(tx, 'technician', hashSecret(input.token));
        const technician = owner?.technicianId ? await findTechnicianById(tx, owner.technicianId) : undefined;
        if (!technician) throw new AppError('reset_link_invalid');
        const actor = technicianActor(technician, client.ip);
        await writeTechnicianPassword(tx, actor, technician.id, hash);
        await recordAudit(tx, {
          actor,
          action: 'technician.password_reset',
          target: { type: 'technician', id: technician.id },
        });
      });
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
