import type { PortalComment, PortalMe, PortalTicket } from '@atrium/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, errorCode } from '../../lib/api';
import { type Load, useLoad } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorAlert } from '../../ui/error-alert';
import { Page } from '../../ui/page';
import { ServerHtml } from '../../ui/server-html';
import { portalApi } from '../api';
import { isId } from '../common/ids';
import { LoadState } from '../common/load-state';
import { useValueLabels } from './labels';
import { ReplyForm } from './reply-form';
import { TicketDetails } from './ticket-details';
import { StatusBadge } from './ticket-list';
import { TicketThread } from './ticket-thread';

/** What the page that sent us here wants said once: the ticket was just created, or just opened by a reply. */
export type TicketPageNotice = { notice: 'created' } | { notice: 'followUp'; previousNumber: number };

function readNotice(state: unknown): TicketPageNotice | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  if (state.notice === 'created') return { notice: 'created' };
  if (state.notice === 'followUp' && 'previousNumber' in state && typeof state.previousNumber === 'number') {
    return { notice: 'followUp', previousNumber: state.previousNumber };
  }
  return null;
}

type ActionState =
  | { kind: 'idle' }
  | { kind: 'busy'; action: 'reopen' | 'resolve' }
  | { kind: 'done'; action: 'reopen' | 'resolve' }
  | { kind: 'failed'; code: string };

type TicketPageProps = { me: PortalMe };

export function TicketPage({ me }: TicketPageProps) {
  const { t } = useTranslation('portal');
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const ticket = useLoad(`ticket:${id}`, (signal) =>
    isId(id) ? portalApi.getTicket(id, signal) : Promise.reject(new ApiError(404, 'not_found', 'Not an id')),
  );
  const comments = useLoad(
    `comments:${id}`,
    (signal) => portalApi.listComments(id, signal).then((list) => list.items),
    !isId(id),
  );
  const notice = readNotice(location.state);

  // Another ticket's data (the one a follow-up came from) is never shown under this one's address.
  if (!ticket.data || !ticket.isCurrent) {
    return (
      <Page title={t('ticket.loadingTitle')}>
        <LoadState load={ticket} />
        {ticket.error && (
          <p className="portal-more">
            <Link to="/tickets">{t('ticket.backToList')}</Link>
          </p>
        )}
      </Page>
    );
  }

  const current = ticket.data;
  return (
    <Page title={current.title}>
      <TicketBody
        key={current.id}
        me={me}
        ticket={current}
        notice={notice}
        comments={comments}
        onTicket={ticket.setData}
        onStale={ticket.reload}
        onFollowUp={(next) =>
          navigate(`/tickets/${next.id}`, {
            state: { notice: 'followUp', previousNumber: current.number } satisfies TicketPageNotice,
          })
        }
      />
    </Page>
  );
}

type TicketBodyProps = {
  me: PortalMe;
  ticket: PortalTicket;
  notice: TicketPageNotice | null;
  comments: Load<PortalComment[]>;
  onTicket: (ticket: PortalTicket) => void;
  onStale: () => void;
  onFollowUp: (ticket: PortalTicket) => void;
};

function TicketBody({ me, ticket, notice, comments, onTicket, onStale, onFollowUp }: TicketBodyProps) {
  const { t } = useTranslation('portal');
  const labels = useValueLabels();
  const threadId = useId();
  const actionMessage = useRef<HTMLParagraphElement>(null);
  const messageField = useRef<HTMLTextAreaElement>(null);
  const [action, setAction] = useState<ActionState>({ kind: 'idle' });
  // "Created" is news until the contact does something else here; then it is a stale banner.
  const [shownNotice, setShownNotice] = useState(notice);

  // Loaded again whenever the ticket changes: a reply, a new status, a technician's change.
  const events = useLoad(`events:${ticket.id}:${ticket.updatedAt}`, (signal) =>
    portalApi.listEvents(ticket.id, signal).then((list) => list.items),
  );
  const thread = comments.isCurrent ? comments.data : undefined;
  const isBilled = ticket.readOnlyReason === 'billed';
  const { permissions } = ticket;
  // A ticket that may be replied to but neither resolved nor reopened is finished for good (billed,
  // or closed where the portal settings keep finished tickets closed): a reply opens a follow-up.
  const isFollowUpOnly = permissions.reply && !permissions.resolve && !permissions.reopen;

  const run = async (kind: 'reopen' | 'resolve') => {
    setShownNotice(null);
    setAction({ kind: 'busy', action: kind });
    try {
      onTicket(kind === 'reopen' ? await portalApi.reopen(ticket.id) : await portalApi.resolve(ticket.id));
      setAction({ kind: 'done', action: kind });
    } catch (error) {
      const code = errorCode(error);
      setAction({ kind: 'failed', code });
      if (code === 'ticket_billed' || code === 'reopen_not_allowed' || code === 'rule_refused') onStale();
    }
    // The button pressed may be gone now: keep the keyboard where the outcome is said.
    actionMessage.current?.focus();
  };

  const resolveButton = me.ticketsCanBeReopened ? (
    <button
      type="button"
      className="button button-quiet"
      aria-busy={action.kind === 'busy' && action.action === 'resolve'}
      disabled={action.kind === 'busy'}
      onClick={() => void run('resolve')}
    >
      {t('ticket.resolve')}
    </button>
  ) : (
    // Final here: nobody can reopen it afterwards, so the contact confirms first.
    <ConfirmButton
      label={t('ticket.resolve')}
      title={t('ticket.resolveConfirmTitle')}
      className="button button-quiet"
      onConfirm={async () => {
        setShownNotice(null);
        setAction({ kind: 'idle' });
        onTicket(await portalApi.resolve(ticket.id));
      }}
      onDone={() => {
        setAction({ kind: 'done', action: 'resolve' });
        actionMessage.current?.focus();
      }}
    >
      <p>{t('ticket.resolveConfirmBody')}</p>
    </ConfirmButton>
  );

  return (
    <>
      <p className="portal-ticket-subtitle">
        <span className="portal-ticket-number">{t('ticket.number', { number: ticket.number })}</span>
        {ticket.status !== undefined && (
          <StatusBadge status={ticket.status} label={labels.status(ticket.status)} />
        )}
        <Link to="/tickets">{t('ticket.backToList')}</Link>
      </p>

      {shownNotice?.notice === 'created' && (
        <p className="portal-notice portal-notice-success">{t('ticket.created')}</p>
      )}
      {shownNotice?.notice === 'followUp' && (
        <p className="portal-notice portal-notice-success">
          {t('ticket.followUpCreated', { previous: shownNotice.previousNumber })}
        </p>
      )}
      {ticket.followUpOf && (
        <p className="portal-more">
          <Link to={`/tickets/${ticket.followUpOf.id}`}>
            {t('ticket.followUpOf', { number: ticket.followUpOf.number })}
          </Link>
        </p>
      )}
      {isFollowUpOnly && (
        <div className={`portal-notice${isBilled ? ' portal-notice-locked' : ''} portal-follow-up-notice`}>
          <p>{isBilled ? t('ticket.billedNotice') : t('ticket.closedNotice')}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              messageField.current?.scrollIntoView({ block: 'center' });
              messageField.current?.focus();
            }}
          >
            {t('ticket.openFollowUp')}
          </button>
        </div>
      )}

      {!isBilled && (permissions.reopen || permissions.resolve) && (
        <div className="portal-ticket-actions">
          {permissions.reopen && (
            <button
              type="button"
              className="button"
              aria-busy={action.kind === 'busy' && action.action === 'reopen'}
              disabled={action.kind === 'busy'}
              onClick={() => void run('reopen')}
            >
              {t('ticket.reopen')}
            </button>
          )}
          {permissions.resolve && resolveButton}
        </div>
      )}
      {action.kind === 'failed' && <ErrorAlert code={action.code} />}
      <p ref={actionMessage} tabIndex={-1} role="status" className="portal-action-status">
        {action.kind === 'done'
          ? action.action === 'reopen'
            ? t('ticket.reopened')
            : t('ticket.resolved')
          : ''}
      </p>

      <div className="portal-ticket-layout">
        <div className="portal-ticket-main">
          <section className="portal-panel">
            <h2>{t('ticket.description')}</h2>
            <ServerHtml html={ticket.descriptionHtml} className="portal-prose" />
          </section>
          <section aria-labelledby={threadId} className="portal-panel">
            <h2 id={threadId}>{t('ticket.conversation')}</h2>
            <LoadState load={{ ...comments, data: thread }} />
            {thread && <TicketThread comments={thread} events={events.data ?? []} />}
          </section>
          {permissions.reply && (
            <ReplyForm
              ticket={ticket}
              opensFollowUp={isFollowUpOnly}
              messageRef={messageField}
              onFollowUp={onFollowUp}
              onReplied={(comment, updated) => {
                comments.setData((previous) => [...(previous ?? []), comment]);
                onTicket(updated);
                setAction({ kind: 'idle' });
                setShownNotice(null);
              }}
            />
          )}
        </div>
        <aside className="portal-ticket-side">
          <TicketDetails
            me={me}
            ticket={ticket}
            onSaved={(saved) => {
              onTicket(saved);
              setShownNotice(null);
            }}
            onStale={onStale}
          />
        </aside>
      </div>
    </>
  );
}
