import type { Contact } from '@atrium/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../ui/page';
import { type Credentials, contactsApi } from './api';
import { ContactForm } from './contact-form';
import { CredentialsDialog } from './credentials-dialog';

export function NewContactPage() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [created, setCreated] = useState<{ contact: Contact; credentials: Credentials } | null>(null);

  return (
    <Page title={t('contacts.newTitle')} back={<Link to="/contacts">{t('contacts.back')}</Link>}>
      <ContactForm
        initialCustomerId={params.get('customerId') ?? ''}
        submitLabel={t('contacts.create')}
        send={async (body) => {
          const result = await contactsApi.create(body);
          setCreated({
            contact: result.contact,
            credentials: {
              username: result.contact.username,
              password: result.portalPassword,
              emailQueued: false,
            },
          });
        }}
      />
      <CredentialsDialog
        credentials={created?.credentials ?? null}
        contactName={created?.contact.name ?? ''}
        onDone={() => {
          if (created) void navigate(`/contacts/${created.contact.id}`);
        }}
      />
    </Page>
  );
}
