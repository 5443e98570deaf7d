import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Page } from '../../ui/page';
import { customersApi } from './api';
import { CustomerForm } from './customer-form';

export function NewCustomerPage() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  return (
    <Page title={t('customers.newTitle')} back={<Link to="/customers">{t('customers.back')}</Link>}>
      <CustomerForm
        submitLabel={t('customers.create')}
        send={customersApi.create}
        onSaved={(customer) => void navigate(`/customers/${customer.id}`)}
      />
    </Page>
  );
}
