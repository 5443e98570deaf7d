import { ACTION_DELIVERY_SECONDS, type Device, type OFFERED_ACTIONS } from '@atrium/shared';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { requestKey } from '../../lib/local-id';
import { ConfirmButton } from '../../ui/confirm-button';
import { devicesApi } from './api';

type RunActionButtonProps = {
  device: Device;
  type: (typeof OFFERED_ACTIONS)[number];
  onQueued: () => void;
};

/**
 * Asks before running an action on the device. One key per confirmed action: a double click, or a
 * retry after the answer was lost, makes one action, not two.
 */
export function RunActionButton({ device, type, onQueued }: RunActionButtonProps) {
  const { t } = useTranslation('console');
  const key = useRef(requestKey());
  return (
    <ConfirmButton
      label={t(`devices.actionTypes.${type}`)}
      title={t(`devices.confirm.${type}.title`, { name: device.hostname })}
      danger={type !== 'lock'}
      className="button button-quiet"
      onConfirm={() => devicesApi.runAction(device.id, type, key.current)}
      // "Reboot of this device is in progress already." names what is in the way.
      serverMessageCodes={['conflict', 'rule_refused']}
      onDone={() => {
        key.current = requestKey();
        onQueued();
      }}
    >
      <p>{t(`devices.confirm.${type}.body`)}</p>
      {!device.online && (
        <p className="alert alert-warning">
          {t('devices.confirm.offline', {
            name: device.hostname,
            count: ACTION_DELIVERY_SECONDS[type] / 60,
          })}
        </p>
      )}
    </ConfirmButton>
  );
}
