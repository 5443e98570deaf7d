import type { Contact, ContactCreate, ContactUpdate } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError, invalidField } from '../../lib/app-error';
import { isUniqueViolation } from '../../lib/db-errors';
import { recordAudit } from '../audit/audit.repo';
import { findCustomerById } from '../customers/customers.repo';
import type { SettingsService } from '../settings/settings.service';
import { assignCustomerToContactTickets } from '../tickets/tickets.repo';
import { newPortalCredentials, writeContact, writeContactPassword } from './contact-writes';
import { presentContact } from './contacts.presenter';
import {
  type ContactListQuery,
  deleteContact,
  findContactByEmail,
  findContactById,
  findContactByUsername,
  findContactWithCustomer,
  listContacts,
  updateContact,
} from './contacts.repo';
import { type QueueCredentialsMail, skippedMail } from './credentials-mail';

/** Two requests racing past the checks still meet the unique indexes. */
async function mapUniqueRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, 'contacts_email_key')) throw new AppError('email_taken');
    if (isUniqueViolation(error, 'contacts_username_key')) throw new AppError('username_taken');
    throw error;
  }
}

export function createContactsService(
  db: Db,
  settings: SettingsService,
  queueCredentialsMail: QueueCredentialsMail,
) {
  async function getOrThrow(tx: Db, id: string): Promise<Contact> {
    const row = await findContactWithCustomer(tx, id);
    if (!row) throw new AppError('not_found', 'No contact with this id.');
    return presentContact(row);
  }

  async function assertFree(tx: Db, fields: { email?: string; username?: string }, exceptId?: string) {
    const byEmail = fields.email ? await findContactByEmail(tx, fields.email) : undefined;
    if (byEmail && byEmail.id !== exceptId) throw new AppError('email_taken');
    const byUsername = fields.username ? await findContactByUsername(tx, fields.username) : undefined;
    if (byUsername && byUsername.id !== exceptId) throw new AppError('username_taken');
  }

  async function assertCustomer(tx: Db, customerId: string) {
    if (!(await findCustomerById(tx, customerId)))
      throw invalidField('customerId', 'no customer with this id');
  }

  return {
    get: (_actor: TechnicianActor, id: string) => getOrThrow(db, id),

    async list(_actor: TechnicianActor, query: ContactListQuery) {
      const { items, total } = await listContacts(db, query);
      return { items: items.map(presentContact), total };
    },

    /**
     * The generated password is returned here once (and mailed when the welcome email is on, or the
     * answer says why not); only its hash is kept.
     */
    async create(actor: TechnicianActor, input: ContactCreate) {
      const credentials = await newPortalCredentials();
      const portal = await settings.getPortal();
      return mapUniqueRace(() =>
        db.transaction(async (tx) => {
          await assertCustomer(tx, input.customerId);
          await assertFree(tx, { email: input.email, username: input.username ?? input.email });
          const { contact, mail } = await writeContact(
            tx,
            queueCredentialsMail,
            actor,
            input,
            credentials,
            portal,
          );
          return {
            contact: await getOrThrow(tx, contact.id),
            portalPassword: credentials.portalPassword,
            ...mail,
          };
        }),
      );
    },

    async update(actor: TechnicianActor, id: string, input: ContactUpdate): Promise<Contact> {
      return mapUniqueRace(() =>
        db.transaction(async (tx) => {
          const current = await findContactById(tx, id);
          if (!current) throw new AppError('not_found', 'No contact with this id.');
          if (input.customerId) await assertCustomer(tx, input.customerId);
          await assertFree(tx, { email: input.email, username: input.username }, id);
          // A phone number typed or removed by a technician is not verified: SMS 2FA starts over (SPEC §5).
          const phoneChanged = input.phone !== undefined && input.phone !== current.phone;
          await updateContact(tx, id, { ...input, ...(phoneChanged ? { phoneVerified: false } : {}) });
          // An unassigned contact (unknown mail domain) given a customer brings the tickets they opened.
          const movedTickets =
            current.customerId === null && input.customerId
              ? await assignCustomerToContactTickets(tx, id, input.customerId)
              : 0;
          await recordAudit(tx, {
            actor,
            action: 'contact.updated',
            target: { type: 'contact', id },
            details: { fields: Object.keys(input), ...(movedTickets > 0 ? { movedTickets } : {}) },
          });
          return getOrThrow(tx, id);
        }),
      );
    },

    async remove(actor: TechnicianActor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const current = await findContactById(tx, id);
        if (!current) throw new AppError('not_found', 'No contact with this id.');
        await deleteContact(tx, id);
        await recordAudit(tx, {
          actor,
          action: 'contact.deleted',
          target: { type: 'contact', id },
          details: { email: current.email, customerId: current.customerId },
        });
      });
    },

    /** A new password, shown once; every portal session of the contact ends. */
    async resetCredentials(actor: TechnicianActor, id: string, options: { sendEmail?: boolean }) {
      const credentials = await newPortalCredentials();
      return db.transaction(async (tx) => {
        const row = await writeContactPassword(tx, id, { hash: credentials.passwordHash, generated: true });
        if (!row) throw new AppError('not_found', 'No contact with this id.');
        const mail =
          options.sendEmail === true
            ? await queueCredentialsMail(tx, row, credentials.portalPassword, 'credentialsReset')
            : skippedMail('not_requested');
        await recordAudit(tx, {
          actor,
          action: 'contact.credentials_reset',
          target: { type: 'contact', id },
          details: mail,
        });
        return { portalUsername: row.username, portalPassword: credentials.portalPassword, ...mail };
      });
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
