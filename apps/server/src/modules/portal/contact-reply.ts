import type { Db } from '../../db/client';
import type { ContactActor } from '../../lib/actor';
import type { Upload } from '../../lib/uploads';
import { findContactById } from '../contacts/contacts.repo';
import type { CommentView } from '../tickets/comments.repo';
import type { TicketWrites } from '../tickets/ticket-writes';
import type { TicketRow } from '../tickets/tickets.repo';
import { followUpDescription } from './contact-texts';
import type { PortalConfig } from './portal-config';

/**
 * What a contact's public reply does to a ticket, whether it comes from the portal or by mail
 * (SPEC §3.7). On a finished ticket it reopens it — or, when tickets may not be reopened, opens a
 * follow-up ticket that links the old one and carries the reply. A billed ticket takes no more
 * replies either, so a reply there is how the contact opens its follow-up. The caller has checked
 * that the contact may see the ticket, and locked it.
 */
export async function writeContactReply(
  tx: Db,
  writes: TicketWrites,
  contact: ContactActor,
  config: Pick<PortalConfig, 'settings' | 'statuses'>,
  current: TicketRow,
  input: { body: string; uploads: Upload[]; source: TicketRow['source'] },
): Promise<{ ticket: Pick<TicketRow, 'id' | 'number'>; comment: CommentView }> {
  const status = config.statuses.get(current.status);
  let target: Pick<TicketRow, 'id' | 'number'> = current;
  if (current.billed || (status?.closed && config.settings.ticketsCannotBeReopened)) {
    const language = (await findContactById(tx, contact.id))?.language ?? 'en';
    target = await writes.writeTicket(
      tx,
      contact,
      {
        title: current.title,
        description: followUpDescription(current.number, language),
        customerId: current.customerId,
        contactId: contact.id,
        priority: current.priority,
        type: current.type,
        impact: current.impact,
        followUpOfId: current.id,
        source: input.source,
      },
      // The reply below tells the technicians, with what the contact wrote.
      { notify: false },
    );
  } else if (status?.closed || current.status === 'Pending') {
    // Finished, or waiting on the customer: the answer puts it back in the technicians' queue.
    await writes.writeStatus(tx, contact, current, 'Open');
  }
  const comment = await writes.writeComment(tx, contact, target, {
    body: input.body,
    internal: false,
    uploads: input.uploads,
  });
  return { ticket: target, comment };
}
