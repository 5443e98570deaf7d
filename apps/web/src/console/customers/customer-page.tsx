import type { Customer } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLoad } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { DataTable, Empty } from '../../ui/table';
import { contactsApi } from '../contacts/api';
import { AddDeviceButton } from '../devices/enrollment-dialog';
import { RecentTickets } from '../tickets/recent-tickets';
import { customersApi } from './api';
import { CustomerForm } from './customer-form';

export function CustomerPage() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const customer = useLoad(`customer:${id}`, (signal) => customersApi.get(id, signal));
  const back = <Link to="/customers">{t('customers.back')}</Link>;

  if (!customer.data) {
    return (
      <Page title={t('customers.loadingTitle')} back={back}>
        <LoadState load={customer} />
      </Page>
    );
  }
  const current = customer.data;
  return (
    <Page
      title={current.name}
      back={back}
      actions={
        <>
          <Link to={`/tickets/new?customerId=${current.id}`} className="button">
            {t('customers.newTicketFor')}
          </Link>
          <Link to={`/devices?customerId=${current.id}`} className="button button-quiet">
            {t('customers.devices')}
          </Link>
          <AddDeviceButton customerId={current.id} className="button button-quiet" />
          <ConfirmButton
            label={t('customers.delete')}
            title={t('customers.deleteTitle', { name: current.name })}
            danger
            onConfirm={() => customersApi.remove(current.id)}
            messageFor={(code) => (code === 'in_use' ? t('customers.inUse') : undefined)}
            onDone={() => void navigate('/customers')}
          >
            <p>{t('customers.deleteBody')}</p>
          </ConfirmButton>
        </>
      }
    >
      <div className="columns">
        <section className="card" aria-labelledby="customer-details">
          <h2 id="customer-details">{t('customers.details')}</h2>
          <CustomerForm
            customer={current}
            submitLabel={t('customers.save')}
            send={(body) => customersApi.update(current.id, body)}
            onSaved={(updated) => customer.setData(updated)}
          />
        </section>
        <div className="stack">
          <CustomerContacts customer={current} />
          <RecentTickets
            filter={{ customerId: current.id }}
            title={t('customers.recentTickets')}
            emptyText={t('customers.noTickets')}
          />
        </div>
      </div>
    </Page>
  );
}

function CustomerContacts({ customer }: { customer: Customer }) {
  const { t } = useTranslation('console');
  const contacts = useLoad(`contacts:${customer.id}`, (signal) =>
    contactsApi.list({ customerId: customer.id, pageSize: 100 }, signal),
  );
  return (
    <section className="card" aria-labelledby="customer-contacts">
      <div className="section-header">
        <h2 id="customer-contacts">{t('customers.contacts')}</h2>
        <Link to={`/contacts/new?customerId=${customer.id}`} className="button button-quiet button-small">
          {t('customers.addContact')}
        </Link>
      </div>
      <LoadState load={contacts} />
      {contacts.data &&
        (contacts.data.items.length === 0 ? (
          <p className="muted">{t('customers.noContacts')}</p>
        ) : (
          <DataTable caption={t('customers.contacts')}>
            <thead>
              <tr>
                <th scope="col">{t('contacts.columns.name')}</th>
                <th scope="col">{t('contacts.columns.email')}</th>
                <th scope="col">{t('contacts.columns.primary')}</th>
              </tr>
            </thead>
            <tbody>
              {contacts.data.items.map((contact) => (
                <tr key={contact.id}>
                  <td>
                    <Link to={`/contacts/${contact.id}`}>{contact.name}</Link>
                  </td>
                  <td>{contact.email}</td>
                  <td>{contact.isPrimary ? t('contacts.primaryYes') : <Empty />}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ))}
    </section>
  );
}
