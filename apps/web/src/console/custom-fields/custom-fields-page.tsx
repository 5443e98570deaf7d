import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCached } from '../../lib/use-load';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { DataTable, Empty } from '../../ui/table';
import { customFieldsCache } from './api';

export function CustomFieldsPage() {
  const { t } = useTranslation('console');
  const fields = useCached(customFieldsCache);
  return (
    <Page
      title={t('customFieldsAdmin.title')}
      actions={
        <Link to="/admin/custom-fields/new" className="button">
          {t('customFieldsAdmin.new')}
        </Link>
      }
    >
      <p className="muted">{t('customFieldsAdmin.intro')}</p>
      <LoadState load={fields} />
      {fields.data &&
        (fields.data.length === 0 ? (
          <p className="empty">{t('customFieldsAdmin.none')}</p>
        ) : (
          <DataTable caption={t('customFieldsAdmin.title')}>
            <thead>
              <tr>
                <th scope="col">{t('customFieldsAdmin.columns.label')}</th>
                <th scope="col">{t('customFieldsAdmin.columns.key')}</th>
                <th scope="col">{t('customFieldsAdmin.columns.type')}</th>
                <th scope="col">{t('customFieldsAdmin.columns.required')}</th>
                <th scope="col">{t('customFieldsAdmin.columns.portal')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.data.map((field) => (
                <tr key={field.id}>
                  <td>
                    <Link to={`/admin/custom-fields/${field.id}`}>{field.label.en}</Link>
                  </td>
                  <td>
                    <code>{field.key}</code>
                  </td>
                  <td>{t(`customFieldsAdmin.types.${field.type}`)}</td>
                  <td>{field.required ? t('customFieldsAdmin.yes') : <Empty />}</td>
                  <td>{t(`customFieldsAdmin.visibilities.${field.portalVisibility}`)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ))}
    </Page>
  );
}
