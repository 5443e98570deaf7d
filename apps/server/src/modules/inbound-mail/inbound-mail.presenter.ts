import type { InboundMail } from '@atrium/shared';
import type { InboundMailListRow } from './inbound-mail.repo';

export function presentInboundMail(row: InboundMailListRow): InboundMail {
  return {
    id: row.id,
    source: row.source,
    messageId: row.messageId,
    from: row.mailFrom,
    subject: row.subject,
    size: row.size,
    status: row.status,
    reason: row.reason,
    ticket: row.ticketId && row.ticketNumber !== null ? { id: row.ticketId, number: row.ticketNumber } : null,
    commentId: row.commentId,
    contactId: row.contactId,
    receivedAt: row.receivedAt.toISOString(),
  };
}
