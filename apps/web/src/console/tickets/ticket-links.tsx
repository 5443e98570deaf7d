import type { TicketHistory } from '@atrium/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from './ticket-badges';

/**
 * A follow-up's way back to the ticket it continues, and an original's list of the follow-ups its
 * contact opened (a reply to a billed or closed ticket opens one).
 */
export function TicketLinks({ history }: { history: TicketHistory }) {
  const { t } = useTranslation('console');
  const headingId = useId();
  const { followUpOf, followUps } = history;
  return (
    <>
      {followUpOf && (
        <p className="ticket-follow-up-of">
          <Link to={`/tickets/${followUpOf.id}`}>
            {t('ticketPage.followUpOf', { number: followUpOf.number })}
          </Link>{' '}
          <span className="muted">{followUpOf.title}</span>
        </p>
      )}
      {followUps.length > 0 && (
        <section className="ticket-follow-ups" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('ticketPage.followUps')}</h2>
          <ul>
            {followUps.map((followUp) => (
              <li key={followUp.id}>
                <Link to={`/tickets/${followUp.id}`}>
                  {t('ticketPage.title', { number: followUp.number, title: followUp.title })}
                </Link>{' '}
                <StatusBadge status={followUp.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
