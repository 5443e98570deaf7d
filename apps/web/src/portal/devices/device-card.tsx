import { OFFERED_ACTIONS, type PortalDevice } from '@atrium/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ConfirmButton } from '../../ui/confirm-button';
import { SelectField } from '../../ui/field';
import { ActionProgress, StateBadge, useActionRequest } from './action-request';
import { isPowerAction } from './labels';

type DeviceCardProps = { device: PortalDevice; hasNumber: boolean; onChanged: () => void };

/** One device: whether it is online, its actions, the code for the one asked, and what happened lately. */
export function DeviceCard({ device, hasNumber, onChanged }: DeviceCardProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const headingId = useId();
  const request = useActionRequest(device.id, onChanged);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const offered = OFFERED_ACTIONS.filter((type) => device.actions.includes(type));
  const resetAccount = device.actions.includes('reset_password') ? device.passwordResetAccount : null;
  // The list may have changed since the choice (a reload): the first entry stands in for a vanished one.
  const software = device.software.find((entry) => entry.id === chosenId) ?? device.software[0];
  const { ask, askDirectly, resend } = request;

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <div className="portal-device-heading">
        <h2 id={headingId}>{device.hostname}</h2>
        <span className={`badge ${device.online ? 'tone-success' : 'tone-neutral'}`}>
          {device.online ? t('devices.online') : t('devices.offline')}
        </span>
      </div>
      <p className="muted">
        {t(`devices.os.${device.os}`)} {device.osVersion}
        {' · '}
        {device.lastSeenAt
          ? t('devices.lastSeen', {
              date: format.date(device.lastSeenAt, { dateStyle: 'medium', timeStyle: 'short' }),
            })
          : t('devices.neverSeen')}
      </p>
      {(offered.length > 0 || resetAccount !== null) && hasNumber && (
        <div className="actions">
          {offered.map((type) =>
            isPowerAction(type) ? (
              <ConfirmButton
                key={type}
                label={t(`devices.types.${type}`)}
                title={t(`devices.confirm.${type}.title`, { hostname: device.hostname })}
                confirmLabel={t(`devices.confirm.${type}.submit`)}
                className="button button-quiet"
                danger
                onConfirm={() => ask(type)}
              >
                <p>{t(`devices.confirm.${type}.body`)}</p>
              </ConfirmButton>
            ) : (
              <button
                key={type}
                type="button"
                className="button button-quiet"
                onClick={() => askDirectly(type)}
              >
                {t(`devices.types.${type}`)}
              </button>
            ),
          )}
          {resetAccount !== null && (
            <ConfirmButton
              label={t('devices.resetMine')}
              title={t('devices.confirm.reset_password.title', {
                account: resetAccount,
                hostname: device.hostname,
              })}
              confirmLabel={t('devices.confirm.reset_password.submit')}
              className="button button-quiet"
              onConfirm={() => ask('reset_password')}
            >
              <p>
                {t('devices.confirm.reset_password.body', {
                  account: resetAccount,
                  hostname: device.hostname,
                })}
              </p>
            </ConfirmButton>
          )}
        </div>
      )}
      {software && hasNumber && (
        <div className="portal-device-install">
          <SelectField
            label={t('devices.software')}
            options={device.software.map((entry) => ({ value: entry.id, label: entry.name }))}
            value={software.id}
            onChange={(event) => setChosenId(event.target.value)}
          />
          <ConfirmButton
            label={t('devices.install')}
            title={t('devices.confirm.install_software.title', { name: software.name })}
            confirmLabel={t('devices.confirm.install_software.submit')}
            className="button button-quiet"
            onConfirm={() => ask('install_software', software.id)}
          >
            <p>
              {t('devices.confirm.install_software.body', {
                name: software.name,
                hostname: device.hostname,
              })}
            </p>
          </ConfirmButton>
        </div>
      )}
      <ActionProgress request={request} />
      <h3 className="section-title">{t('devices.history')}</h3>
      {device.recentActions.length === 0 ? (
        <p className="muted">{t('devices.noActions')}</p>
      ) : (
        <ul className="portal-device-history">
          {device.recentActions.map((action) => (
            <li key={action.id} className="portal-device-history-item">
              <span>{t(`devices.types.${action.type}`)}</span>
              <StateBadge action={action} />
              <time dateTime={action.createdAt} className="muted">
                {format.date(action.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
              {/* Its code field was lost with a reload: a new code brings it back. */}
              {action.state === 'awaiting_verification' && action.id !== request.awaitedId && hasNumber && (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-busy={request.isResending}
                  onClick={() => void resend(action.id)}
                >
                  {t('devices.resend')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
