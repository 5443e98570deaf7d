import { Readable } from 'node:stream';
import {
  type InboundMail,
  type InboundMailListQuery,
  type InboundMailSource,
  type InboundMailStatus,
  LIMITS,
  type PortalSettings,
} from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { ContactActor, TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { isUniqueViolation } from '../../lib/db-errors';
import type { FileStore } from '../../lib/file-store';
import { attachmentType, cleanFilename, type Upload } from '../../lib/uploads';
import type { CacheVersion } from '../../lib/versioned-cache';
import { contactActor } from '../auth/auth.service';
import { newPortalCredentials, writeContact } from '../contacts/contact-writes';
import {
  type ContactRow,
  findContactByEmail,
  findContactByEmailWithCacheVersion,
} from '../contacts/contacts.repo';
import type { QueueCredentialsMail } from '../contacts/credentials-mail';
import { findDomainOwners } from '../customers/customers.repo';
import { findTicketIdsByMailIds } from '../mail/mail.repo';
import { writeContactReply } from '../portal/contact-reply';
import type { PortalConfigSource } from '../portal/portal-config';
import { readScope } from '../portal/portal-tickets.policy';
import type { SettingsService } from '../settings/settings.service';
import type { TicketWrites } from '../tickets/ticket-writes';
import { lockTicketInScope, type TicketRow } from '../tickets/tickets.repo';
import { emptyMessage, notAttached, type RefusedFile } from './contact-notes';
import { presentInboundMail } from './inbound-mail.presenter';
import {
  findInboundMailByMessageId,
  findInboundMailRaw,
  insertInboundMail,
  listInboundMail,
} from './inbound-mail.repo';
import {
  derivedMessageId,
  type MailMessage,
  readMail,
  subjectTicketNumber,
  ticketTitle,
  UnreadableMailError,
} from './message';

/** What became of a message; `duplicate` when it had been received before (and nothing was done). */
export type ImportOutcome = {
  id: string;
  status: InboundMailStatus;
  reason: string | null;
  duplicate: boolean;
};

/** A person's name from a From header: "Jane Doe", "Doe, Jane", or the address's local part. */
export function contactName(display: string, address: string): { firstName: string; lastName: string } {
  const name = display.replace(/["']/g, '').trim();
  const local = address.split('@')[0] ?? address;
  if (!name || name.includes('@')) return { firstName: local.slice(0, 100), lastName: '' };
  const [last, first] = name.split(',', 2).map((part) => part.trim());
  if (first && last) return { firstName: first.slice(0, 100), lastName: last.slice(0, 100) };
  const words = name.split(/\s+/);
  const lastName = words.length > 1 ? (words.pop() ?? '') : '';
  return { firstName: words.join(' ').slice(0, 100), lastName: lastName.slice(0, 100) };
}

/** Text past what a comment may hold is cut; the whole message stays in the mail log. */
const clip = (text: string) =>
  text.length > LIMITS.commentBody - 1000 ? `${text.slice(0, LIMITS.commentBody - 1000)}\n\n[…]` : text;

/** Mail has no client address to record. */
const asActor = (contact: ContactRow): ContactActor => contactActor(contact, '');

/** Thrown to undo an import whose message another connection imported first. */
class ImportedMeanwhile extends Error {}

export function createInboundMailService(
  db: Db,
  config: Config,
  deps: {
    settings: SettingsService;
    portalConfig: PortalConfigSource;
    cacheVersion: CacheVersion;
    files: FileStore;
    writes: TicketWrites;
    queueCredentialsMail: QueueCredentialsMail;
  },
) {
  const { settings, portalConfig, cacheVersion, files, writes, queueCredentialsMail } = deps;
  /** Our own outgoing address: mail from it that comes back in is a loop, whatever its headers say. */
  const ownAddress = config.mail.fromAddress;

  /** A message that did not get as far as a ticket: kept, with why. */
  async function record(
    raw: Buffer,
    source: InboundMailSource,
    message: Pick<MailMessage, 'messageId'> & Partial<Pick<MailMessage, 'from' | 'subject'>>,
    status: InboundMailStatus,
    reason: string,
  ): Promise<ImportOutcome> {
    const row = await insertInboundMail(db, {
      source,
      messageId: message.messageId,
      mailFrom: message.from?.address ?? null,
      subject: message.subject ?? null,
      raw,
      size: raw.length,
      status,
      reason,
    });
    if (!row) return duplicateOf(message.messageId);
    return { id: row.id, status, reason, duplicate: false };
  }

  async function duplicateOf(messageId: string): Promise<ImportOutcome> {
    const existing = await findInboundMailByMessageId(db, messageId);
    if (!existing) throw new Error('inbound mail vanished');
    return { ...existing, duplicate: true };
  }

  /**
   * Files go to the store before the transaction (it stays short); the ones the configuration
   * refuses are left out and named, for the ticket and for the technicians' log. A file is typed by
   * its bytes, as an upload is: mail clients declare `image/jpg`, `application/x-gzip` or just
   * `application/octet-stream` for files that are fine.
   */
  async function storeAttachments(
    message: MailMessage,
  ): Promise<{ uploads: Upload[]; refused: RefusedFile[] }> {
    const uploads: Upload[] = [];
    const refused: RefusedFile[] = [];
    for (const [index, attachment] of message.attachments.entries()) {
      const given = attachment.filename === undefined ? undefined : cleanFilename(attachment.filename);
      const label = given ?? `${attachment.inline ? 'inline' : 'attachment'}-${index + 1}`;
      if (attachment.content.length > config.attachments.maxBytes) {
        refused.push({ label, why: { largerThan: config.attachments.maxBytes } });
        continue;
      }
      const type = await attachmentType(
        attachment.content,
        label,
        attachment.contentType,
        config.attachments.types,
      );
      if ('refused' in type) {
        refused.push({ label, why: type.refused });
        continue;
      }
      const stored = await files.save(Readable.from([attachment.content]));
      // An unnamed file (an inline image) is named after what it is: `inline-1.png`.
      const subtype = type.contentType.split('/')[1]?.replace(/[^a-z0-9.+-]/g, '');
      uploads.push({ ...stored, filename: given ?? `${label}.${subtype}`, contentType: type.contentType });
    }
    return { uploads, refused };
  }

  /**
   * The ticket a reply belongs to: one its In-Reply-To or References name, else the subject's
   * `[#number]` — and only one the sender may see by the portal's own rules, so a stranger who
   * guesses a number (or a Message-ID) opens a ticket of their own instead. Locked when found.
   */
  async function findThread(
    tx: Db,
    message: MailMessage,
    contact: ContactActor,
    portal: PortalSettings,
  ): Promise<TicketRow | undefined> {
    const ids = await findTicketIdsByMailIds(tx, message.answers);
    const number = subjectTicketNumber(message.subject);
    return lockTicketInScope(tx, { ids, number }, readScope(contact, portal));
  }

  /** Known sender, or a new contact of the customer owning the domain, or an unassigned one. */
  type Sender = { contact: ContactRow } | { customerId: string | null } | { rejected: string };
  async function findSender(address: string): Promise<Sender> {
    const found = await findContactByEmailWithCacheVersion(db, address);
    // What the import reads from the portal's settings and statuses is then as new as this message.
    cacheVersion.observe(found.cacheVersion);
    if (found.contact) return { contact: found.contact };
    const domain = address.split('@')[1] ?? '';
    const [owner] = await findDomainOwners(db, [domain]);
    if (owner) return { customerId: owner.customerId };
    const { unknownSenders } = await settings.email();
    if (unknownSenders === 'reject') return { rejected: `no customer has the domain ${domain}` };
    return { customerId: null };
  }

  async function importInTransaction(
    raw: Buffer,
    source: InboundMailSource,
    message: MailMessage,
    sender: Exclude<Sender, { rejected: string }>,
    stored: { uploads: Upload[]; refused: RefusedFile[] },
  ): Promise<ImportOutcome | undefined> {
    const portal = await portalConfig.get();
    const known = 'contact' in sender ? sender : { ...sender, credentials: await newPortalCredentials() };
    // The log's reason is for technicians, in English like every other; the ticket's note is the sender's.
    const reason = stored.refused.length > 0 ? notAttached(stored.refused, 'en') : null;
    const imported = db.transaction(async (tx): Promise<ImportOutcome> => {
      const contact =
        'contact' in known
          ? known.contact
          : ((await findContactByEmail(tx, message.from.address)) ??
            (
              await writeContact(
                tx,
                queueCredentialsMail,
                { kind: 'system' },
                {
                  customerId: known.customerId,
                  email: message.from.address,
                  ...contactName(message.from.name, message.from.address),
                },
                known.credentials,
                portal.settings,
              )
            ).contact);
      const actor = asActor(contact);
      const note = reason && `_${notAttached(stored.refused, contact.language)}._`;
      const body = [clip(message.text), note].filter(Boolean).join('\n\n');
      const thread = await findThread(tx, message, actor, portal.settings);
      let ticket: Pick<TicketRow, 'id' | 'number'>;
      let commentId: string | null = null;
      if (thread) {
        const reply = await writeContactReply(tx, writes, actor, portal, thread, {
          body: body || emptyMessage(contact.language),
          uploads: stored.uploads,
          source: 'email',
        });
        ticket = reply.ticket;
        commentId = reply.comment.id;
      } else {
        ticket = await writes.writeTicket(tx, actor, {
          title: ticketTitle(message.subject),
          description: body,
          customerId: contact.customerId,
          contactId: contact.id,
          source: 'email',
        });
        if (stored.uploads.length > 0) {
          const comment = await writes.writeComment(
            tx,
            actor,
            ticket,
            {
              // No text of ours: the portal names a comment of files alone in the reader's language.
              body: '',
              internal: false,
              uploads: stored.uploads,
            },
            // Part of the ticket being opened: the new-ticket mail covers it.
            { notify: false },
          );
          commentId = comment.id;
        }
      }
      // Written last, with what it became: the Message-ID's unique key makes a copy imported
      // meanwhile (the sender's retry, on another connection) undo all of this one.
      const row = await insertInboundMail(tx, {
        source,
        messageId: message.messageId,
        mailFrom: message.from.address,
        subject: message.subject,
        raw,
        size: raw.length,
        status: 'imported',
        reason,
        ticketId: ticket.id,
        commentId,
        contactId: contact.id,
      });
      if (!row) throw new ImportedMeanwhile();
      return { id: row.id, status: 'imported', reason, duplicate: false };
    });
    return imported.catch((error) => {
      if (error instanceof ImportedMeanwhile) return undefined;
      throw error;
    });
  }

  return {
    /**
     * Every received message comes through here, from the SMTP listener and from IMAP polling. It is
     * stored whatever happens to it; the same Message-ID is never imported twice. Throws only when
     * the message could not even be stored (the database is down): the transport then leaves it
     * with the sender, to try again.
     */
    async importMessage(raw: Buffer, source: InboundMailSource): Promise<ImportOutcome> {
      let message: MailMessage;
      try {
        message = await readMail(raw);
      } catch (error) {
        // Whatever in the message defeats the reader, it is kept as failed: refusing it instead would
        // have the sender (or the mailbox) hand it over again and again.
        const reason =
          error instanceof UnreadableMailError ? error.message : `not readable: ${(error as Error).message}`;
        return record(raw, source, { messageId: derivedMessageId(raw) }, 'failed', reason);
      }
      // No ticket, no contact and no answer for machines: that is how mail loops are avoided.
      if (message.automated) return record(raw, source, message, 'ignored', message.automated);
      if (message.spam && !(await settings.email()).importSpam) {
        return record(raw, source, message, 'ignored', 'marked as spam (X-Spam-Flag: YES)');
      }
      if (message.from.address === ownAddress) {
        return record(raw, source, message, 'ignored', 'sent by Atrium itself (MAIL_FROM)');
      }
      const sender = await findSender(message.from.address);
      if ('rejected' in sender) return record(raw, source, message, 'rejected', sender.rejected);

      const stored = await storeAttachments(message);
      const removeFiles = () => Promise.all(stored.uploads.map((file) => files.remove(file.storageKey)));
      try {
        // Two first messages of a new sender at once: the second meets the unique email and is
        // retried once, when the contact exists.
        const outcome = await importInTransaction(raw, source, message, sender, stored).catch((error) => {
          if (!isUniqueViolation(error, 'contacts_email_key')) throw error;
          return importInTransaction(raw, source, message, sender, stored);
        });
        if (outcome) return outcome;
        await removeFiles();
        return duplicateOf(message.messageId);
      } catch (error) {
        await removeFiles();
        // The database's own words, not the query the driver wraps them in (it holds the whole text).
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        const why = cause instanceof Error ? cause.message : String(cause);
        return record(raw, source, message, 'failed', `could not import: ${why}`);
      }
    },

    /**
     * A message the transport would not take whole (larger than INBOUND_MAIL_MAX_BYTES): its header
     * is kept so technicians see it arrived.
     */
    async recordOversized(header: Buffer, size: number, source: InboundMailSource): Promise<ImportOutcome> {
      const message = await readMail(header).catch(() => undefined);
      return record(
        header,
        source,
        message ?? { messageId: derivedMessageId(header) },
        'rejected',
        `larger than ${config.mail.inboundMaxBytes} bytes (${size})`,
      );
    },

    /** Any technician may look at the log, ignored and malformed mail included. */
    async list(
      _actor: TechnicianActor,
      query: InboundMailListQuery,
    ): Promise<{ items: InboundMail[]; total: number }> {
      const { items, total } = await listInboundMail(db, query);
      return { items: items.map(presentInboundMail), total };
    },

    async openRaw(_actor: TechnicianActor, id: string): Promise<{ raw: Buffer; filename: string }> {
      const row = await findInboundMailRaw(db, id);
      if (!row) throw new AppError('not_found', 'No received mail with this id.');
      return { raw: row.raw, filename: `mail-${row.receivedAt.toISOString().replace(/[:.]/g, '-')}.eml` };
    },
  };
}

export type InboundMailService = ReturnType<typeof createInboundMailService>;
