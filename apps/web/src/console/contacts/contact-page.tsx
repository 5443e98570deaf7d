import type { Contact } from '@atrium/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorAlert } from '../../ui/error-alert';
import { CheckboxField } from '../../ui/field';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { RecentTickets } from '../tickets/recent-tickets';
import { type Credentials, contactsApi } from './api';
import { ContactForm } from './contact-form';
import { CredentialsDialog } from './credentials-dialog';

export function ContactPage() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const contact = useLoad(`contact:${id}`, (signal) => contactsApi.get(id, signal));
  const back = <Link to="/contacts">{t('contacts.back')}</Link>;

  if (!contact.data) {
    return (
      <Page title={t('contacts.loadingTitle')} back={back}>
        <LoadState load={contact} />
      </Page>
    );
  }
  const current = contact.data;
  return (
    <Page
      title={current.name}
      back={back}
      actions={
        <>
          {current.customerId && (
            <Link
              to={`/tickets/new?customerId=${current.customerId}&contactId=${current.id}`}
              className="button"
            >
              {t('contacts.newTicketFor')}
            </Link>
          )}
          <ConfirmButton
            label={t('contacts.delete')}
            title={t('contacts.deleteTitle', { name: current.name })}
            danger
            onConfirm={() => contactsApi.remove(current.id)}
            messageFor={(code) => (code === 'in_use' ? t('contacts.inUse') : undefined)}
            onDone={() => void navigate('/contacts')}
          >
            <p>{t('contacts.deleteBody')}</p>
          </ConfirmButton>
        </>
      }
    >
      {current.customer && (
        <p className="page-subtitle">
          <Link to={`/customers/${current.customer.id}`}>{current.customer.name}</Link>
          {current.isPrimary && <span className="badge">{t('contacts.primaryYes')}</span>}
        </p>
      )}
      <div className="columns">
        <section className="card" aria-labelledby="contact-details">
          <h2 id="contact-details">{t('contacts.details')}</h2>
          <ContactForm
            contact={current}
            submitLabel={t('contacts.save')}
            send={async (body) => contact.setData(await contactsApi.update(current.id, body))}
          />
        </section>
        <div className="stack">
          <PortalAccess contact={current} />
          <RecentTickets
            filter={{ contactId: current.id }}
            title={t('contacts.recentTickets')}
            emptyText={t('contacts.noTickets')}
          />
        </div>
      </div>
    </Page>
  );
}

/** Resets the portal password: the new one is shown once, and sent by email if asked. */
function PortalAccess({ contact }: { contact: Contact }) {
  const { t } = useTranslation('console');
  const [sendEmail, setSendEmail] = useState(false);
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [credentials, setCredentials] = useState<Credentials | null>(null);

  const reset = async () => {
    setIsPending(true);
    setError(null);
    try {
      setCredentials(await contactsApi.resetCredentials(contact.id, sendEmail));
    } catch (cause) {
      setError(errorCode(cause));
    } finally {
      setIsPending(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="portal-access">
      <h2 id="portal-access">{t('contacts.portalAccess')}</h2>
      <p>
        {t('contacts.usernameIs')} <code>{contact.username}</code>
      </p>
      <p className="muted">{t('contacts.resetHint')}</p>
      {error && <ErrorAlert code={error} />}
      <CheckboxField
        label={t('contacts.sendByEmail')}
        checked={sendEmail}
        onChange={(event) => setSendEmail(event.target.checked)}
      />
      <div className="actions">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void reset()}
          aria-busy={isPending}
          disabled={isPending}
        >
          {t('contacts.resetPassword')}
        </button>
      </div>
      <CredentialsDialog
        credentials={credentials}
        contactName={contact.name}
        onDone={() => setCredentials(null)}
      />
    </section>
  );
}
