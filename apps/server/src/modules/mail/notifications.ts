import type { Language, MailKind } from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { findContactById } from '../contacts/contacts.repo';
import type { SettingsService } from '../settings/settings.service';
import { listTechnicians } from '../technicians/technicians.repo';
import { findTicketView, type TicketView } from '../tickets/tickets.repo';
import {
  findThreadStart,
  insertMailEvent,
  type MailEvent,
  type QueuedMail,
  queueMail,
  recordTicketMailIds,
} from './mail.repo';
import type { MailTemplatesService } from './mail-templates.service';
import { createMessageIds } from './message-ids';

type Recipient = { to: string; language: Language; values: Record<string, string>; contactId?: string };

/**
 * Mail that follows a ticket's life (SPEC §8): the requester hears of technicians' public replies
 * and status changes, technicians of new tickets and contacts' replies. Internal notes never leave.
 * Everything is queued in the caller's transaction, so a rolled-back write sends nothing.
 */
export function createTicketNotifications(
  config: Config,
  settings: SettingsService,
  templates: MailTemplatesService,
) {
  const ids = createMessageIds(config);
  const consoleUrl = (ticketId: string) => new URL(`tickets/${ticketId}`, config.publicUrl).href;

  async function send(tx: Db, ticket: TicketView, kind: MailKind, recipients: Recipient[]) {
    if (recipients.length === 0) return;
    // Every mail of a ticket answers its first one, so mail clients show one conversation.
    let start = await findThreadStart(tx, ticket.id);
    const startIds: string[] = [];
    if (!start) {
      start = ids.ticketThread(ticket.id);
      startIds.push(start);
    }
    const render = await templates.load(tx);
    const mails: QueuedMail[] = [];
    for (const recipient of recipients) {
      const rendered = render(kind, recipient.language, recipient.values);
      const tag = `[#${ticket.number}]`;
      mails.push({
        kind,
        to: recipient.to,
        // The tag threads replies even when a client drops the headers; an edited template keeps it.
        subject: rendered.subject.includes(tag) ? rendered.subject : `${tag} ${rendered.subject}`,
        text: rendered.text,
        html: rendered.html,
        messageId: ids.next(),
        headers: { 'In-Reply-To': start, References: start, 'Auto-Submitted': 'auto-generated' },
        contactId: recipient.contactId ?? null,
        ticketId: ticket.id,
      });
    }
    await queueMail(tx, mails);
    await recordTicketMailIds(tx, ticket.id, [...startIds, ...mails.map((mail) => mail.messageId)]);
  }

  async function requester(
    tx: Db,
    ticket: TicketView,
    actor: MailEvent['actor'],
    values: Record<string, string>,
  ) {
    if (!ticket.contactId || (actor.kind === 'contact' && actor.id === ticket.contactId)) return [];
    const contact = await findContactById(tx, ticket.contactId);
    if (!contact) return [];
    const portal = await settings.portalWithin(tx);
    return [
      {
        to: contact.email,
        language: contact.language,
        contactId: contact.id,
        values: {
          firstName: contact.firstName,
          companyName: portal.branding.name,
          ticketNumber: String(ticket.number),
          ticketTitle: ticket.title,
          ticketUrl: `${portal.portalUrl}/tickets/${ticket.id}`,
          ...values,
        },
      },
    ];
  }

  /** The assigned technician, or the whole team while nobody has the ticket. */
  async function technicians(tx: Db, ticket: TicketView, message: string): Promise<Recipient[]> {
    const team = (await listTechnicians(tx)).filter((technician) => !technician.deletedAt);
    const assigned = team.filter((technician) => technician.id === ticket.technicianId);
    return (assigned.length > 0 ? assigned : team).map((technician) => ({
      to: technician.email,
      language: 'en',
      values: {
        ticketNumber: String(ticket.number),
        ticketTitle: ticket.title,
        ticketUrl: consoleUrl(ticket.id),
        customer: ticket.customerName ?? '—',
        requester: ticket.contactName ?? '—',
        requesterEmail: ticket.contactEmail ?? '—',
        message,
      },
    }));
  }

  /** Turns one event into the mail it causes, in the caller's transaction. */
  return async function notify(tx: Db, event: MailEvent): Promise<void> {
    const ticket = await findTicketView(tx, event.ticketId);
    if (!ticket) return;
    const { actor, details } = event;
    if (event.kind === 'ticketCreated') {
      await send(tx, ticket, 'technicianNewTicket', await technicians(tx, ticket, ticket.description));
    } else if (event.kind === 'commentAdded' && actor.kind === 'contact') {
      await send(tx, ticket, 'technicianContactReply', await technicians(tx, ticket, details.body ?? ''));
    } else if (event.kind === 'commentAdded') {
      const values = { author: actor.name, message: details.body ?? '' };
      await send(tx, ticket, 'ticketReply', await requester(tx, ticket, actor, values));
    } else {
      await send(
        tx,
        ticket,
        'ticketStatus',
        await requester(tx, ticket, actor, { status: details.status ?? '' }),
      );
    }
  };
}

/**
 * What ticket writes record for mail, one row each, in their own transaction: a rolled-back write
 * tells nobody. Internal notes and what technicians open themselves record nothing.
 */
export const ticketEvents = {
  async ticketCreated(tx: Db, actor: Actor, ticketId: string): Promise<void> {
    if (actor.kind !== 'contact') return;
    await insertMailEvent(tx, { kind: 'ticketCreated', ticketId, actor: eventActor(actor) });
  },

  async commentAdded(tx: Db, actor: Actor, ticketId: string, comment: { body: string; internal: boolean }) {
    if (comment.internal) return;
    await insertMailEvent(tx, {
      kind: 'commentAdded',
      ticketId,
      actor: eventActor(actor),
      details: { body: comment.body },
    });
  },

  async statusChanged(tx: Db, actor: Actor, ticketId: string, status: string): Promise<void> {
    await insertMailEvent(tx, {
      kind: 'statusChanged',
      ticketId,
      actor: eventActor(actor),
      details: { status },
    });
  },
};

const eventActor = (actor: Actor) => ({ kind: actor.kind, id: actor.id, name: actor.name });

export type TicketEvents = typeof ticketEvents;

export type TicketNotifications = ReturnType<typeof createTicketNotifications>;
