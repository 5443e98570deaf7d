import type { Attachment, Comment, Ticket, TicketEvent } from '@atrium/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ServerHtml } from '../../ui/server-html';
import { statusLabel } from './labels';

type TicketThreadProps = {
  ticket: Ticket;
  comments: readonly Comment[];
  /** Changes to the ticket, shown between the comments at the moment they happened. */
  events: readonly TicketEvent[];
};

type Entry =
  | { kind: 'comment'; at: string; comment: Comment }
  | { kind: 'event'; at: string; event: TicketEvent };

/**
 * The description, then every comment and change oldest first; internal notes stand out, changes
 * are one quiet line each.
 */
export function TicketThread({ ticket, comments, events }: TicketThreadProps) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const entries: Entry[] = [
    ...comments.map((comment): Entry => ({ kind: 'comment', at: comment.createdAt, comment })),
    ...events.map((event): Entry => ({ kind: 'event', at: event.createdAt, event })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const when = (iso: string) => (
    <time dateTime={iso} className="comment-time">
      {format.date(iso, { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
  return (
    <ol className="thread" aria-label={t('ticketPage.thread')}>
      <li className="comment comment-description">
        <div className="comment-header">
          <span className="comment-author">{ticket.contact?.name ?? ticket.customer?.name}</span>
          <span className="muted">{t('ticketPage.opened')}</span>
          {when(ticket.createdAt)}
        </div>
        {ticket.description.trim() ? (
          <ServerHtml className="prose" html={ticket.descriptionHtml} />
        ) : (
          <p className="muted">{t('ticketPage.noDescription')}</p>
        )}
      </li>
      {entries.map((entry) => {
        if (entry.kind === 'event') {
          const { event } = entry;
          return (
            <li key={event.id} className="thread-event">
              <span>{eventText(t, event)}</span> {when(event.createdAt)}
            </li>
          );
        }
        const { comment } = entry;
        return (
          <li
            key={comment.id}
            className={`comment comment-by-${comment.author.type} ${comment.internal ? 'comment-internal' : ''}`.trim()}
          >
            <div className="comment-header">
              <span className="comment-author">{comment.author.name}</span>
              <span className="muted">{t(`ticketPage.authorTypes.${comment.author.type}`)}</span>
              {comment.internal && (
                <span className="badge badge-internal">{t('ticketPage.internalBadge')}</span>
              )}
              {when(comment.createdAt)}
            </div>
            <ServerHtml className="prose" html={comment.bodyHtml} />
            {comment.attachments.length > 0 && <Attachments attachments={comment.attachments} />}
          </li>
        );
      })}
    </ol>
  );
}

/** "Marc Petit changed the status to “Resolved”.": one whole sentence per kind of change. */
function eventText(t: TFunction<'console'>, event: TicketEvent): string {
  const author = event.author.name;
  const { change } = event;
  switch (change.field) {
    case 'status':
      return t('ticketPage.events.status', { author, status: statusLabel(t, change.status) });
    case 'billed':
      return change.billed
        ? t('ticketPage.events.billed', { author })
        : t('ticketPage.events.unbilled', { author });
    case 'technician':
      return change.technician
        ? t('ticketPage.events.assigned', { author, technician: change.technician.name })
        : t('ticketPage.events.unassigned', { author });
  }
}

function Attachments({ attachments }: { attachments: readonly Attachment[] }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  return (
    <ul className="attachments" aria-label={t('ticketPage.attachments')}>
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <a href={attachment.url} download={attachment.filename}>
            {attachment.filename}
          </a>{' '}
          <span className="muted">{formatSize(attachment.size, format.number)}</span>
        </li>
      ))}
    </ul>
  );
}

type NumberFormat = (value: number, options?: Intl.NumberFormatOptions) => string;

/** 2.4 MB, 120 kB: Intl's units, in the console's language. */
export function formatSize(bytes: number, number: NumberFormat): string {
  if (bytes < 1000) return number(bytes, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
  if (bytes < 1_000_000) {
    return number(bytes / 1000, {
      style: 'unit',
      unit: 'kilobyte',
      unitDisplay: 'short',
      maximumFractionDigits: 0,
    });
  }
  return number(bytes / 1_000_000, {
    style: 'unit',
    unit: 'megabyte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
}
