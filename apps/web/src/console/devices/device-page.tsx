import type { Device } from '@atrium/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { ApiError, errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { useRefresh } from '../../lib/use-refresh';
import { ConfirmButton } from '../../ui/confirm-button';
import { serverFieldErrors } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { type SaveState, SaveStatus } from '../../ui/save-status';
import { Empty } from '../../ui/table';
import { ContactSelect } from '../contacts/contact-select';
import { devicesApi } from './api';
import { DeviceActions } from './device-actions';
import { OnlineBadge, RelativeTime } from './device-badges';
import { osDescription } from './labels';

/** The device's online state and inventory change when its agent connects or beats. */
const REFRESH_MS = 5000;

export function DevicePage() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const device = useLoad(`device:${id}`, (signal) => devicesApi.get(id, signal));
  useRefresh(device, REFRESH_MS, device.error !== 'not_found');
  const back = <Link to="/devices">{t('devices.back')}</Link>;

  if (!device.data) {
    return (
      <Page title={t('devices.loadingTitle')} back={back}>
        <LoadState load={device} />
      </Page>
    );
  }
  const current = device.data;
  return (
    <Page
      title={current.hostname}
      back={back}
      actions={
        <ConfirmButton
          label={t('devices.remove')}
          title={t('devices.removeTitle', { name: current.hostname })}
          danger
          onConfirm={() => devicesApi.remove(current.id)}
          onDone={() => void navigate('/devices')}
        >
          <p>{t('devices.removeBody')}</p>
        </ConfirmButton>
      }
    >
      <p className="page-subtitle">
        <Link to={`/customers/${current.customer.id}`}>{current.customer.name}</Link>
        <OnlineBadge isOnline={current.online} />
      </p>
      <LoadState load={device} />
      <div className="columns">
        <DeviceInventory device={current} />
        <DeviceAssignment device={current} onSaved={device.setData} />
      </div>
      <DeviceActions device={current} />
    </Page>
  );
}

function DeviceInventory({ device }: { device: Device }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const when = (iso: string | null) =>
    iso ? (
      <>
        {format.date(iso, { dateStyle: 'medium', timeStyle: 'short' })} (<RelativeTime at={iso} />)
      </>
    ) : (
      <Empty />
    );
  return (
    <section className="card" aria-labelledby="device-inventory">
      <h2 id="device-inventory">{t('devices.inventory')}</h2>
      <dl className="facts device-facts">
        <dt>{t('devices.facts.hostname')}</dt>
        <dd>{device.hostname}</dd>
        <dt>{t('devices.facts.os')}</dt>
        <dd>{osDescription(device, t(`devices.oses.${device.os}`))}</dd>
        <dt>{t('devices.facts.agentVersion')}</dt>
        <dd>{device.agentVersion}</dd>
        <dt>{t('devices.facts.customer')}</dt>
        <dd>
          <Link to={`/customers/${device.customer.id}`}>{device.customer.name}</Link>
        </dd>
        <dt>{t('devices.facts.contact')}</dt>
        <dd>
          {device.contact ? (
            <Link to={`/contacts/${device.contact.id}`}>{device.contact.name}</Link>
          ) : (
            t('devices.unassigned')
          )}
        </dd>
        <dt>{t('devices.facts.status')}</dt>
        <dd>
          <OnlineBadge isOnline={device.online} />
        </dd>
        <dt>{t('devices.facts.lastSeen')}</dt>
        <dd>{when(device.lastSeenAt)}</dd>
        <dt>{t('devices.facts.lastBoot')}</dt>
        <dd>{when(device.lastBootAt)}</dd>
        <dt>{t('devices.facts.loggedInUser')}</dt>
        <dd>{device.loggedInUser ?? <Empty />}</dd>
        <dt>{t('devices.facts.ips')}</dt>
        <dd>
          {device.ips.length > 0 ? (
            <ul className="plain-list">
              {device.ips.map((ip) => (
                <li key={ip}>
                  <code>{ip}</code>
                </li>
              ))}
            </ul>
          ) : (
            <Empty />
          )}
        </dd>
        <dt>{t('devices.facts.enrolled')}</dt>
        <dd>{when(device.enrolledAt)}</dd>
      </dl>
    </section>
  );
}

type DeviceAssignmentProps = { device: Device; onSaved: (device: Device) => void };

/** Who uses the device: one of its customer's contacts (their portal will show it), or nobody. */
function DeviceAssignment({ device, onSaved }: DeviceAssignmentProps) {
  const { t } = useTranslation('console');
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  // While saving, the select shows the choice rather than the device's current contact.
  const [draft, setDraft] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const assign = async (contactId: string | null) => {
    setDraft(contactId ?? '');
    setState({ kind: 'saving' });
    try {
      onSaved(await devicesApi.update(device.id, { contactId }));
      setState({ kind: 'saved' });
    } catch (error) {
      // "there is no contact with this id at the device's customer"
      const details = error instanceof ApiError ? serverFieldErrors(error) : {};
      setState({ kind: 'failed', code: errorCode(error), message: details.contactId });
    } finally {
      setDraft(null);
    }
  };

  return (
    <section className="card stack" aria-labelledby="device-assignment">
      <h2 id="device-assignment" ref={heading} tabIndex={-1}>
        {t('devices.assignedTo')}
      </h2>
      <p>
        {device.contact ? (
          <Link to={`/contacts/${device.contact.id}`}>{device.contact.name}</Link>
        ) : (
          t('devices.unassigned')
        )}
      </p>
      <div className="field-with-status">
        <ContactSelect
          label={t('devices.contact')}
          customerId={device.customer.id}
          value={draft ?? device.contact?.id ?? ''}
          onChange={(contactId) => void assign(contactId || null)}
        />
        <SaveStatus state={state} />
      </div>
      {device.contact && (
        <div className="actions">
          <button
            type="button"
            className="button button-quiet"
            // The button goes with the contact: focus stays in this section.
            onClick={() => void assign(null).then(() => heading.current?.focus())}
            disabled={state.kind === 'saving'}
          >
            {t('devices.unassign')}
          </button>
        </div>
      )}
    </section>
  );
}
