import type { PortalComment } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ServerHtml } from '../../ui/server-html';

type TicketThreadProps = { comments: readonly PortalComment[] };

/** The public conversation, oldest first, each message with its attachments. */
export function TicketThread({ comments }: TicketThreadProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  if (comments.length === 0) return <p className="muted">{t('ticket.noReplies')}</p>;
  return (
    <ol className="portal-thread">
      {comments.map((comment) => (
        <li key={comment.id} className={`portal-message portal-message-${comment.author.type}`}>
          <article aria-labelledby={`${comment.id}-author`}>
            <header className="portal-message-header">
              <span id={`${comment.id}-author`} className="portal-message-author">
                {comment.author.name}
              </span>
              {comment.author.type === 'technician' && (
                <span className="portal-badge portal-badge-other">{t('ticket.supportTeam')}</span>
              )}
              <time dateTime={comment.createdAt} className="muted">
                {format.date(comment.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
            </header>
            <ServerHtml html={comment.bodyHtml} className="portal-prose" />
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
      ))}
    </ol>
  );
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
