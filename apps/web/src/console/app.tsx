import { Route, Routes, useLocation } from 'react-router';
import { useStore } from '../lib/store';
import { ForgotPasswordPage } from '../ui/forgot-password-page';
import { NotFoundPage } from '../ui/not-found-page';
import { ResetPasswordPage } from '../ui/reset-password-page';
import { AccountPage } from './account/account-page';
import { consoleApi } from './api';
import { AuditPage } from './audit/audit-page';
import { ConsoleLayout } from './console-layout';
import { ContactPage } from './contacts/contact-page';
import { ContactsPage } from './contacts/contacts-page';
import { NewContactPage } from './contacts/new-contact-page';
import { CustomFieldFormPage } from './custom-fields/custom-field-form-page';
import { CustomFieldsPage } from './custom-fields/custom-fields-page';
import { CustomerPage } from './customers/customer-page';
import { CustomersPage } from './customers/customers-page';
import { NewCustomerPage } from './customers/new-customer-page';
import { DevicePage } from './devices/device-page';
import { DevicesPage } from './devices/devices-page';
import { InboundMailPage } from './inbound-mail/inbound-mail-page';
import { ArticleEditorPage } from './kb/article-editor-page';
import { ArticlesPage } from './kb/articles-page';
import { CategoriesPage } from './kb/categories-page';
import { MailTemplatesPage } from './mail/mail-templates-page';
import { OutboxPage } from './mail/outbox-page';
import { PortalSettingsPage } from './portal-settings/portal-settings-page';
import { canAdminister } from './sections';
import { consoleSession } from './session';
import { Landing } from './setup/landing';
import { SetupPage } from './setup/setup-page';
import { SignInPage } from './sign-in-page';
import { SmsOutboxPage } from './sms/sms-outbox-page';
import { SoftwarePage } from './software/software-page';
import { StatusesPage } from './statuses/statuses-page';
import { TechniciansPage } from './technicians/technicians-page';
import { NewTicketPage } from './tickets/new-ticket-page';
import { QueuePage } from './tickets/queue-page';
import { TicketPage } from './tickets/ticket-page';

export function ConsoleApp() {
  const technician = useStore(consoleSession);
  const { pathname } = useLocation();
  // The mailed link works whoever is signed in here; using it ends every session of its account.
  if (pathname === '/reset-password') {
    return <ResetPasswordPage send={consoleApi.resetPassword} onDone={() => consoleSession.set(null)} />;
  }
  if (!technician) {
    if (pathname === '/forgot-password') {
      return <ForgotPasswordPage account="email" send={(email) => consoleApi.forgotPassword({ email })} />;
    }
    // Signed out (or the session just ended on a 401): sign in right here, on the same URL.
    return <SignInPage />;
  }

  return (
    <ConsoleLayout technician={technician}>
      <Routes>
        <Route index element={<Landing technician={technician} />} />
        <Route path="tickets" element={<QueuePage />} />
        <Route path="tickets/new" element={<NewTicketPage />} />
        <Route path="tickets/:id" element={<TicketPage />} />
        <Route path="customers" element={<CustomersPage />} />
        <Route path="customers/new" element={<NewCustomerPage />} />
        <Route path="customers/:id" element={<CustomerPage />} />
        <Route path="contacts" element={<ContactsPage />} />
        <Route path="contacts/new" element={<NewContactPage />} />
        <Route path="contacts/:id" element={<ContactPage />} />
        <Route path="kb" element={<ArticlesPage />} />
        <Route path="kb/categories" element={<CategoriesPage />} />
        <Route path="kb/new" element={<ArticleEditorPage />} />
        <Route path="kb/:id" element={<ArticleEditorPage />} />
        <Route path="devices" element={<DevicesPage />} />
        <Route path="devices/:id" element={<DevicePage />} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="account" element={<AccountPage />} />
        {/* Every technician may read the templates (the outbox links here); only admins save them. */}
        <Route path="admin/mail-templates" element={<MailTemplatesPage />} />
        {/* Admin pages exist only for admins; anyone else gets "not found", as from the server. */}
        {canAdminister(technician) && (
          <>
            <Route path="setup" element={<SetupPage />} />
            <Route path="admin/portal" element={<PortalSettingsPage />} />
            <Route path="admin/software" element={<SoftwarePage />} />
            <Route path="admin/custom-fields" element={<CustomFieldsPage />} />
            <Route path="admin/custom-fields/new" element={<CustomFieldFormPage />} />
            <Route path="admin/custom-fields/:id" element={<CustomFieldFormPage />} />
            <Route path="admin/statuses" element={<StatusesPage />} />
            <Route path="admin/inbound-mail" element={<InboundMailPage />} />
            <Route path="admin/sms-outbox" element={<SmsOutboxPage />} />
            <Route path="admin/technicians" element={<TechniciansPage />} />
            <Route path="admin/audit" element={<AuditPage />} />
          </>
        )}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </ConsoleLayout>
  );
}
