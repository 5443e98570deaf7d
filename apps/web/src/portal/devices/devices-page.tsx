import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLoad } from '../../lib/use-load';
import { Page } from '../../ui/page';
import { portalApi } from '../api';
import { LoadState } from '../common/load-state';
import { DeviceCard } from './device-card';

/** "My devices" (SPEC §4): the contact's devices, and the actions they may run, each confirmed by a texted code. */
export function DevicesPage() {
  const { t } = useTranslation('portal');
  const devices = useLoad('devices', (signal) => portalApi.listDevices(signal));
  const twoFactor = useLoad('2fa', (signal) => portalApi.getTwoFactor(signal));
  const hasNumber = twoFactor.data?.phoneVerified ?? true;

  return (
    <Page title={t('nav.devices')}>
      {!hasNumber && (
        <p className="portal-notice">
          {t('devices.noNumber')} <Link to="/settings">{t('devices.goToSettings')}</Link>
        </p>
      )}
      <LoadState load={devices} />
      {devices.data &&
        (devices.data.length === 0 ? (
          <p className="muted">{t('devices.none')}</p>
        ) : (
          devices.data.map((device) => (
            <DeviceCard key={device.id} device={device} hasNumber={hasNumber} onChanged={devices.reload} />
          ))
        ))}
    </Page>
  );
}
