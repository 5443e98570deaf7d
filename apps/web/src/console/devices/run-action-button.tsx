import { ACTION_DELIVERY_SECONDS, type ActionCreate, type Device } from '@atrium/shared';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { requestKey } from '../../lib/local-id';
import { ConfirmButton } from '../../ui/confirm-button';
import { devicesApi } from './api';

type RunActionButtonProps = {
  device: Device;
  request: ActionCreate;
  /** The catalog entry an install installs, named in the question. */
  softwareName?: string;
  onQueued: () => void;
};

/**
 * Asks before running an action on the device. One key per confirmed action: a double click, or a
 * retry after the answer was lost, makes one action, not two.
 */
export function RunActionButton({ device, request, softwareName, onQueued }: RunActionButtonProps) {
  const { t } = useTranslation('console');
  const key = useRef(requestKey());
  const { type } = request;
  const names = {
    name: device.hostname,
    software: softwareName ?? '',
    user: device.loggedInUser ?? '',
    contact: device.contact?.name ?? '',
  };
  return (
    <ConfirmButton
      label={t(`devices.actionTypes.${type}`)}
      title={t(`devices.confirm.${type}.title`, names)}
      danger={type !== 'lock' && type !== 'install_software'}
      className="button button-quiet"
      onConfirm={() => devicesApi.runAction(device.id, request, key.current)}
      // "A reboot of this device is in progress already." names what is in the way.
      serverMessageCodes={['action_in_progress', 'rule_refused', 'phone_not_confirmed']}
      onDone={() => {
        key.current = requestKey();
        onQueued();
      }}
    >
      <p>{t(`devices.confirm.${type}.body`, names)}</p>
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
