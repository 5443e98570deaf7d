import type { Device } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, Empty } from '../../ui/table';
import { OnlineBadge, RelativeTime } from './device-badges';
import { osDescription } from './labels';

type DeviceTableProps = { devices: readonly Device[]; isStale: boolean };

/** On a phone, the customer, contact and OS columns fold away: the device page has them all. */
export function DeviceTable({ devices, isStale }: DeviceTableProps) {
  const { t } = useTranslation('console');
  return (
    <DataTable caption={t('devices.title')} className={isStale ? 'is-stale' : undefined}>
      <thead>
        <tr>
          <th scope="col">{t('devices.columns.hostname')}</th>
          <th scope="col">{t('devices.columns.customer')}</th>
          <th scope="col">{t('devices.columns.contact')}</th>
          <th scope="col">{t('devices.columns.os')}</th>
          <th scope="col">{t('devices.columns.status')}</th>
          <th scope="col">{t('devices.columns.lastSeen')}</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((device) => (
          <tr key={device.id}>
            <td className="cell-host">
              <Link to={`/devices/${device.id}`}>{device.hostname}</Link>
            </td>
            <td>
              <Link to={`/customers/${device.customer.id}`} className="quiet-link">
                {device.customer.name}
              </Link>
            </td>
            <td>
              {device.contact ? (
                <Link to={`/contacts/${device.contact.id}`} className="quiet-link">
                  {device.contact.name}
                </Link>
              ) : (
                <Empty />
              )}
            </td>
            <td>{osDescription(device, t(`devices.oses.${device.os}`))}</td>
            <td>
              <OnlineBadge isOnline={device.online} />
            </td>
            <td className="cell-date">
              {device.lastSeenAt ? <RelativeTime at={device.lastSeenAt} /> : <Empty />}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
