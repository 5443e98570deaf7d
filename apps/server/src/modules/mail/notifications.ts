import type { Language, MailKind } from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { findContactById } from '../contacts/contacts.repo';
import { statusName } from '../portal/contact-texts';
import { showsStatus } from '../portal/portal-tickets.policy';
import type { SettingsService } from '../settings/settings.service';
import { listTechnicians } from '../technicians/technicians.repo';
import { findTicketViews, type TicketView } from '../tickets/tickets.repo';
import {
  findThreadStarts,
  type MailEvent,
  type QueuedMail,
  queueMail,
  recordMailIds,
  type TicketEvent,
} from './mail.repo';
import type { MailTemplatesService } from './mail-templates.service';
import { createMessageIds } from './message-ids';

type Recipient = { to: string; language: Language; values: Record<string, string>; contactId?: string };

/**
 * Mail that follows a ticket's life (SPEC §8): the requester hears of technicians' public replies
 * and status changes, technicians of new tickets and contacts' replies, each in their own language.
 * Internal notes never leave.
 * Everything is queued in the caller's transaction, so a rolled-back write sends nothing.
 */
export function createTicketNotifications(
  config: Config,
  settings: SettingsService,
  templates: MailTemplatesService,
) {
  const ids = createMessageIds(config);
  const consoleUrl = (ticketId: string) => new URL(`tickets/${ticketId}`, config.publicUrl).href;

  /**
   * What a batch of events reads once, whatever its size: the dispatcher's cost is a few statements
   * per batch, not per event, so mail keeps up with tickets opened at full speed.
   */
  async function batchContext(tx: Db, events: MailEvent[]) {
    const ticketIds = [...new Set(events.map((event) => event.ticketId))];
    const [views, threadStarts] = await Promise.all([
      findTicketViews(tx, ticketIds),
      findThreadStarts(tx, ticketIds),
    ]);
    return {
      tickets: new Map(views.map((view) => [view.id, view])),
      threadStarts,
      render: once(() => templates.load(tx)),
      team: once(async () => (await listTechnicians(tx)).filter((technician) => !technician.deletedAt)),
      portal: once(() => settings.portalWithin(tx)),
      mails: [] as QueuedMail[],
      mailIds: [] as { messageId: string; ticketId: string }[],
    };
  }
  type Batch = Awaited<ReturnType<typeof batchContext>>;

  async function send(batch: Batch, ticket: TicketView, kind: MailKind, recipients: Recipient[]) {
    if (recipients.length === 0) return;
    // Every mail of a ticket answers its first one, so mail clients show one conversation.
    let start = batch.threadStarts.get(ticket.id);
    if (!start) {
      start = ids.ticketThread(ticket.id);
      batch.threadStarts.set(ticket.id, start);
      batch.mailIds.push({ messageId: start, ticketId: ticket.id });
    }
    const render = await batch.render();
    for (const recipient of recipients) {
      const rendered = render(kind, recipient.language, recipient.values);
      const tag = `[#${ticket.number}]`;
      const messageId = ids.next();
      batch.mails.push({
        kind,
        to: recipient.to,
        // The tag threads replies even when a client drops the headers; an edited template keeps it.
        subject: rendered.subject.includes(tag) ? rendered.subject : `${tag} ${rendered.subject}`,
        text: rendered.text,
        html: rendered.html,
        messageId,
        headers: { 'In-Reply-To': start, References: start, 'Auto-Submitted': 'auto-generated' },
        contactId: recipient.contactId ?? null,
        ticketId: ticket.id,
      });
      batch.mailIds.push({ messageId, ticketId: ticket.id });
    }
  }

  async function requester(
    tx: Db,
    batch: Batch,
    ticket: TicketView,
    actor: MailEvent['actor'],
    values: Record<string, string>,
  ) {
    if (!ticket.contactId || (actor.kind === 'contact' && actor.id === ticket.contactId)) return [];
    const contact = await findContactById(tx, ticket.contactId);
    if (!contact) return [];
    const portal = await batch.portal();
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
  async function technicians(batch: Batch, ticket: TicketView, message: string): Promise<Recipient[]> {
    const team = await batch.team();
    const assigned = team.filter((technician) => technician.id === ticket.technicianId);
    return (assigned.length > 0 ? assigned : team).map((technician) => ({
      to: technician.email,
      language: technician.language,
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

  async function mailOf(tx: Db, batch: Batch, event: MailEvent): Promise<void> {
    const ticket = batch.tickets.get(event.ticketId);
    if (!ticket) return;
    const { actor, details } = event;
    if (event.kind === 'ticketCreated') {
      await send(batch, ticket, 'technicianNewTicket', await technicians(batch, ticket, ticket.description));
    } else if (event.kind === 'commentAdded' && actor.kind === 'contact') {
      await send(
        batch,
        ticket,
        'technicianContactReply',
        await technicians(batch, ticket, details.body ?? ''),
      );
    } else if (event.kind === 'commentAdded') {
      const values = { author: actor.name, message: details.body ?? '' };
      await send(batch, ticket, 'ticketReply', await requester(tx, batch, ticket, actor, values));
    } else if (details.status && showsStatus(await batch.portal(), details.status)) {
      const status = details.status;
      // The status as the contact reads it on the ticket in the portal.
      const recipients = (await requester(tx, batch, ticket, actor, {})).map((recipient) => ({
        ...recipient,
        values: { ...recipient.values, status: statusName(status, recipient.language) },
      }));
      await send(batch, ticket, 'ticketStatus', recipients);
    }
  }

  /** Turns events into the mail they cause, in the caller's transaction, in the order given. */
  return async function notify(tx: Db, events: MailEvent[]): Promise<void> {
    if (events.length === 0) return;
    const batch = await batchContext(tx, events);
    for (const event of events) await mailOf(tx, batch, event);
    await queueMail(tx, batch.mails);
    await recordMailIds(tx, batch.mailIds);
  };
}

/** A loader that runs at most once, and only if someone asks. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load();
    return value;
  };
}

/**
 * What ticket writes record for mail, one row each, in their own transaction: a rolled-back write
 * tells nobody. Internal notes and what technicians open themselves record nothing.
 */
export const ticketEvents = {
  /** The new ticket's event, which the statement inserting the ticket records with it. */
  ticketCreated(actor: Actor): TicketEvent | undefined {
    return actor.kind === 'contact' ? { kind: 'ticketCreated', actor: eventActor(actor) } : undefined;
  },

  /** A reply's event, which the statement inserting the comment records with it; none for a note. */
  commentAdded(actor: Actor, comment: { body: string; internal: boolean }): TicketEvent | undefined {
    if (comment.internal) return undefined;
    return { kind: 'commentAdded', actor: eventActor(actor), details: { body: comment.body } };
  },

  /** A new status's event, which the statement changing the ticket records with it. */
  statusChanged(actor: Actor, status: string): TicketEvent | undefined {
    return { kind: 'statusChanged', actor: eventActor(actor), details: { status } };
  },
};

const eventActor = (actor: Actor) => ({ kind: actor.kind, id: actor.id, name: actor.name });

export type TicketEvents = typeof ticketEvents;

export type TicketNotifications = ReturnType<typeof createTicketNotifications>;
