import { type Contact, isMspNamed, type PortalSettings } from '@atrium/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useStore } from '../../lib/store';
import { useLoad } from '../../lib/use-load';
import { CheckboxField } from '../../ui/field';
import { Page } from '../../ui/page';
import { portalSettingsApi } from '../portal-settings/api';
import { canAdminister } from '../sections';
import { consoleSession } from '../session';
import { type Credentials, contactsApi } from './api';
import { ContactForm } from './contact-form';
import { CredentialsDialog } from './credentials-dialog';

export function NewContactPage() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [created, setCreated] = useState<{ contact: Contact; credentials: Credentials } | null>(null);
  const portal = useLoad('portal-settings', (signal) => portalSettingsApi.get(signal));
  // Until the MSP has named itself, the welcome email is off unless the technician ticks it.
  const [sendWelcomeEmail, setSendWelcomeEmail] = useState<boolean | null>(null);
  const willSendWelcomeEmail = sendWelcomeEmail ?? (portal.data ? isMspNamed(portal.data.branding) : false);

  return (
    <Page title={t('contacts.newTitle')} back={<Link to="/contacts">{t('contacts.back')}</Link>}>
      <ContactForm
        initialCustomerId={params.get('customerId') ?? ''}
        submitLabel={t('contacts.create')}
        send={async (body) => {
          const result = await contactsApi.create({ ...body, sendWelcomeEmail: willSendWelcomeEmail });
          setCreated({
            contact: result.contact,
            credentials: {
              username: result.contact.username,
              password: result.portalPassword,
              emailQueued: result.emailQueued,
              emailSkipped: result.emailSkipped,
            },
          });
        }}
      >
        {portal.data && (
          <WelcomeEmailChoice
            settings={portal.data}
            checked={willSendWelcomeEmail}
            onChange={setSendWelcomeEmail}
          />
        )}
      </ContactForm>
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

type WelcomeEmailChoiceProps = {
  settings: PortalSettings;
  checked: boolean;
  onChange: (checked: boolean) => void;
};

/** Whether this contact is mailed their credentials, and the first-run warning while the MSP is unnamed. */
function WelcomeEmailChoice({ settings, checked, onChange }: WelcomeEmailChoiceProps) {
  const { t } = useTranslation('console');
  const technician = useStore(consoleSession);
  if (!settings.welcomeEmail.enabled) return <p className="muted">{t('contactForm.welcomeEmailOff')}</p>;
  const { name } = settings.branding;
  return (
    <>
      {!isMspNamed(settings.branding) && (
        <div className="alert alert-warning">
          <p>{t('contactForm.mspUnnamed', { name })}</p>
          {technician && canAdminister(technician) && (
            <p>
              <Link to="/setup">{t('contactForm.openSetup')}</Link>
            </p>
          )}
        </div>
      )}
      <CheckboxField
        label={t('contactForm.sendWelcomeEmail')}
        hint={t('contactForm.sendWelcomeEmailHint', { name })}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
    </>
  );
}
