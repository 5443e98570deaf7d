import { type Comment, type Ticket, TicketUpdateSchema } from '@atrium/shared';
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Load, useLoad } from '../../lib/use-load';
import { Dialog } from '../../ui/dialog';
import { FormProblemAlert, TextAreaField, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Empty } from '../../ui/table';
import { ticketsApi } from './api';
import { ReplyBox } from './reply-box';
import { PriorityBadge, StatusBadge } from './ticket-badges';
import { TicketFields } from './ticket-fields';
import { TicketLinks } from './ticket-links';
import { TicketThread } from './ticket-thread';

export function TicketPage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const ticket = useLoad(`ticket:${id}`, (signal) => ticketsApi.get(id, signal));
  const comments = useLoad(`comments:${id}`, (signal) => ticketsApi.comments(id, signal));
  const setTicket = ticket.setData;
  const onSaved = useCallback((updated: Ticket) => setTicket(updated), [setTicket]);

  // Another ticket's data (the one a follow-up link came from) is never shown under this one's address.
  if (!ticket.data || !ticket.isCurrent) {
    return (
      <Page title={t('ticketPage.loadingTitle')} back={<Link to="/tickets">{t('ticketPage.back')}</Link>}>
        <LoadState load={ticket} />
      </Page>
    );
  }
  const current = ticket.data;
  const title = t('ticketPage.title', { number: current.number, title: current.title });

  return (
    <Page
      title={title}
      className="ticket-page"
      back={<Link to="/tickets">{t('ticketPage.back')}</Link>}
      heading={
        <>
          <span className="ticket-number">#{current.number}</span> {current.title}
        </>
      }
      actions={<EditTicketButton ticket={current} onSaved={onSaved} />}
    >
      {ticket.error && <LoadState load={ticket} />}
      <TicketBody
        key={current.id}
        ticket={current}
        comments={comments}
        onSaved={onSaved}
        // A reply may change the ticket (its status, its update time): show the server's view.
        onReplied={ticket.reload}
      />
    </Page>
  );
}

type TicketBodyProps = {
  ticket: Ticket;
  comments: Load<Comment[]>;
  onSaved: (ticket: Ticket) => void;
  onReplied: () => void;
};

/** One ticket's page below its title: mounted afresh for each ticket, so no draft or history carries over. */
function TicketBody({ ticket, comments, onSaved, onReplied }: TicketBodyProps) {
  const { t } = useTranslation('console');
  // Loaded again whenever the ticket changes: a new status, a technician, billing.
  const history = useLoad(`history:${ticket.id}:${ticket.updatedAt}`, (signal) =>
    ticketsApi.history(ticket.id, signal),
  );
  return (
    <>
      <p className="ticket-meta">
        <StatusBadge status={ticket.status} /> <PriorityBadge priority={ticket.priority} />{' '}
        {ticket.customer ? (
          <Link to={`/customers/${ticket.customer.id}`}>{ticket.customer.name}</Link>
        ) : (
          <Empty />
        )}
        {ticket.contact && (
          <>
            {' · '}
            <Link to={`/contacts/${ticket.contact.id}`}>{ticket.contact.name}</Link>{' '}
            <span className="muted">{ticket.contact.email}</span>
          </>
        )}
      </p>
      {history.data && <TicketLinks history={history.data} />}
      <div className="ticket-layout">
        <div className="ticket-main">
          <h2 className="visually-hidden">{t('ticketPage.thread')}</h2>
          <LoadState load={comments} />
          {history.error && <LoadState load={history} />}
          <TicketThread
            ticket={ticket}
            comments={(comments.isCurrent && comments.data) || []}
            events={history.data?.events ?? []}
          />
          <h2 className="visually-hidden">{t('reply.label')}</h2>
          <ReplyBox
            ticketId={ticket.id}
            onSent={(comment: Comment) => {
              comments.setData((previous) => [...(previous ?? []), comment]);
              onReplied();
            }}
          />
        </div>
        <TicketFields ticket={ticket} onSaved={onSaved} />
      </div>
    </>
  );
}

const EditSchema = TicketUpdateSchema.pick({ title: true, description: true }).required();

function EditTicketButton({ ticket, onSaved }: { ticket: Ticket; onSaved: (ticket: Ticket) => void }) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(ticket.title);
  const [description, setDescription] = useState(ticket.description);
  const titleInput = useRef<HTMLInputElement>(null);
  const form = useSubmit(
    {
      schema: EditSchema,
      send: (body) => ticketsApi.update(ticket.id, body),
      onSuccess: (updated) => {
        onSaved(updated);
        setOpen(false);
      },
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.isPending) void form.submit({ title, description });
  };
  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => {
          setTitle(ticket.title);
          setDescription(ticket.description);
          form.clearErrors();
          setOpen(true);
        }}
      >
        {t('ticketPage.edit')}
      </button>
      <Dialog
        open={open}
        title={t('ticketPage.editTitle')}
        onClose={() => setOpen(false)}
        initialFocus={titleInput}
        className="dialog-wide"
      >
        <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
          <FormProblemAlert problem={form.problem} />
          <TextField
            ref={titleInput}
            label={t('ticketPage.editTitleLabel')}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            error={fieldError(form.errors, 'title')}
          />
          <TextAreaField
            label={t('ticketPage.editDescription')}
            value={description}
            rows={10}
            onChange={(event) => setDescription(event.target.value)}
            error={fieldError(form.errors, 'description')}
          />
          <div className="actions">
            <button type="submit" className="button" aria-busy={form.isPending}>
              {t('ticketPage.saveEdit')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
              {ts('common.cancel')}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
