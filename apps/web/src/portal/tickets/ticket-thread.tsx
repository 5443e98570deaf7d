import type { PortalComment, PortalTicketEvent } from '@atrium/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ServerHtml } from '../../ui/server-html';
import { useValueLabels, type ValueLabels } from './labels';

type TicketThreadProps = {
  comments: readonly PortalComment[];
  /** Changes to the ticket, shown between the messages at the moment they happened. */
  events: readonly PortalTicketEvent[];
};

type Entry =
  | { kind: 'comment'; at: string; comment: PortalComment }
  | { kind: 'event'; at: string; event: PortalTicketEvent };

/** The public conversation, oldest first, each message with its attachments, and what changed meanwhile. */
export function TicketThread({ comments, events }: TicketThreadProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const labels = useValueLabels();
  if (comments.length === 0 && events.length === 0) return <p className="muted">{t('ticket.noReplies')}</p>;
  const entries: Entry[] = [
    ...comments.map((comment): Entry => ({ kind: 'comment', at: comment.createdAt, comment })),
    ...events.map((event): Entry => ({ kind: 'event', at: event.createdAt, event })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const when = (at: string) => (
    <time dateTime={at} className="muted">
      {format.date(at, { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
  return (
    <ol className="portal-thread">
      {entries.map((entry) => {
        if (entry.kind === 'event') {
          const { event } = entry;
          return (
            <li key={event.id} className="portal-event">
              <span>{eventText(t, labels, event)}</span> {when(event.createdAt)}
            </li>
          );
        }
        const { comment } = entry;
        return (
          <li key={comment.id} className={`portal-message portal-message-${comment.author.type}`}>
            <article aria-labelledby={`${comment.id}-author`}>
              <header className="portal-message-header">
                <span id={`${comment.id}-author`} className="portal-message-author">
                  {comment.author.name}
                </span>
                {comment.author.type === 'technician' && (
                  <span className="portal-badge portal-badge-other">{t('ticket.supportTeam')}</span>
                )}
                {when(comment.createdAt)}
              </header>
              {comment.body === '' && comment.attachments.length > 0 ? (
                // Files sent with nothing to say (a new ticket's): the server writes no words of its own.
                <p className="muted">{t('files.label')}</p>
              ) : (
                <ServerHtml html={comment.bodyHtml} className="portal-prose" />
              )}
              {comment.attachments.length > 0 && (
                <ul className="portal-attachments">
                  {comment.attachments.map((file) => (
                    <li key={file.id}>
                      <a href={file.url} download={file.filename}>
                        {file.filename}
                      </a>{' '}
                      <span className="muted">{fileSize(format.number, file.size)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}

/** "Marc Petit changed the status to Resolved": one whole sentence per kind of change. */
function eventText(t: TFunction<'portal'>, labels: ValueLabels, event: PortalTicketEvent): string {
  const author = event.author.name;
  const { change } = event;
  switch (change.field) {
    case 'status':
      return t('ticket.events.status', { author, status: labels.status(change.status) });
    case 'billed':
      return change.billed ? t('ticket.events.billed', { author }) : t('ticket.events.unbilled', { author });
    case 'technician':
      return change.technician
        ? t('ticket.events.assigned', { author, technician: change.technician.name })
        : t('ticket.events.unassigned', { author });
  }
}

type FormatNumber = (value: number, options?: Intl.NumberFormatOptions) => string;

/** "820 bytes", "14 kB", "3.2 MB" in the contact's language. */
export function fileSize(formatNumber: FormatNumber, bytes: number): string {
  const unit = (name: string, value: number, digits: number, display: 'short' | 'long' = 'short') =>
    formatNumber(value, { style: 'unit', unit: name, unitDisplay: display, maximumFractionDigits: digits });
  // "5 bytes", "5 octets": the short form of bytes reads oddly in several languages ("5 byte").
  if (bytes < 1000) return unit('byte', bytes, 0, 'long');
  if (bytes < 1000 * 1000) return unit('kilobyte', bytes / 1000, 0);
  return unit('megabyte', bytes / (1000 * 1000), 1);
}
