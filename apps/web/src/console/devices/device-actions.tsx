import { type Action, type Device, OFFERED_ACTIONS, softwareSupports } from '@atrium/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ApiError, errorCode } from '../../lib/api';
import { useCached, useLoad } from '../../lib/use-load';
import { useRefresh } from '../../lib/use-refresh';
import { ErrorAlert } from '../../ui/error-alert';
import type { FormProblem } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Pagination } from '../../ui/pagination';
import { DataTable, Empty } from '../../ui/table';
import { softwareCache } from '../software/api';
import { devicesApi } from './api';
import { ActionStateBadge } from './device-badges';
import { isCancellable, isFinal } from './labels';
import { RunActionButton } from './run-action-button';

/** While an action is on its way, its state is followed closely. */
const REFRESH_MS = 3000;
const PAGE_SIZE = 10;

/** The action buttons and the device's actions, newest first. */
export function DeviceActions({ device }: { device: Device }) {
  const { t } = useTranslation('console');
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [cancellingId, setCancellingId] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const actions = useLoad(`actions:${device.id}:${page}`, (signal) =>
    devicesApi.actions({ deviceId: device.id, page, pageSize: PAGE_SIZE }, signal),
  );
  const isLive = actions.data?.items.some((action) => !isFinal(action.state)) ?? false;
  useRefresh(actions, REFRESH_MS, isLive);
  const onQueued = () => {
    setProblem(null);
    if (page === 1) actions.reload();
    else setPage(1);
  };

  const cancel = async (action: Action) => {
    setProblem(null);
    setCancellingId(action.id);
    try {
      await devicesApi.cancelAction(action.id);
      // Its Cancel button goes away: focus stays with the history.
      heading.current?.focus();
    } catch (error) {
      const code = errorCode(error);
      // "This action is sent: it can no longer be cancelled."
      setProblem({
        code,
        message: error instanceof ApiError && code === 'conflict' ? error.message : undefined,
      });
    } finally {
      setCancellingId(null);
    }
    actions.reload();
  };

  return (
    <section className="card stack" aria-labelledby="device-actions">
      <h2 id="device-actions">{t('devices.actions')}</h2>
      <div className="actions">
        {OFFERED_ACTIONS.map((type) => (
          <RunActionButton key={type} device={device} request={{ type }} onQueued={onQueued} />
        ))}
        {canResetPassword(device) && (
          <RunActionButton device={device} request={{ type: 'reset_password' }} onQueued={onQueued} />
        )}
      </div>
      <InstallPicker device={device} onQueued={onQueued} />
      <h3 className="section-title" ref={heading} tabIndex={-1}>
        {t('devices.history')}
      </h3>
      <LoadState load={actions} />
      {problem && <ErrorAlert code={problem.code} message={problem.message} />}
      {actions.data &&
        (actions.data.items.length === 0 ? (
          <p className="muted">{t('devices.noActions')}</p>
        ) : (
          <>
            <ActionTable
              actions={actions.data.items}
              cancellingId={cancellingId}
              onCancel={(action) => void cancel(action)}
            />
            <Pagination page={page} pageSize={PAGE_SIZE} total={actions.data.total} onPage={setPage} />
          </>
        ))}
    </section>
  );
}

type ActionTableProps = {
  actions: readonly Action[];
  cancellingId: string | null;
  onCancel: (action: Action) => void;
};

function ActionTable({ actions, cancellingId, onCancel }: ActionTableProps) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const when = (iso: string) => format.date(iso, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <DataTable caption={t('devices.history')}>
      <thead>
        <tr>
          <th scope="col">{t('devices.actionColumns.type')}</th>
          <th scope="col">{t('devices.actionColumns.state')}</th>
          <th scope="col">{t('devices.actionColumns.requested')}</th>
          <th scope="col">{t('devices.actionColumns.finished')}</th>
          <th scope="col">{t('devices.actionColumns.output')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('devices.actionColumns.cancel')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {actions.map((action) => {
          const type = t(`devices.actionTypes.${action.type}`);
          return (
            <tr key={action.id}>
              <td>{type}</td>
              <td>
                <ActionStateBadge state={action.state} />
              </td>
              <td className="cell-date">
                <time dateTime={action.createdAt}>{when(action.createdAt)}</time>
              </td>
              <td className="cell-date">
                {action.finishedAt ? (
                  <time dateTime={action.finishedAt}>{when(action.finishedAt)}</time>
                ) : (
                  <Empty />
                )}
              </td>
              <td>
                <ActionOutput action={action} />
              </td>
              <td className="cell-actions">
                {isCancellable(action.state) && (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    aria-label={t('devices.cancelNamed', { action: type, time: when(action.createdAt) })}
                    onClick={() => onCancel(action)}
                    disabled={cancellingId === action.id}
                    aria-busy={cancellingId === action.id}
                  >
                    {t('devices.cancelAction')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/** What the command printed (or, from a dry-run agent, what it would have run), folded; and why it failed. */
function ActionOutput({ action }: { action: Action }) {
  const { t } = useTranslation('console');
  if (!action.output && !action.error) return <Empty />;
  return (
    <>
      {action.output && (
        <details className="action-output">
          <summary>
            {action.exitCode === null
              ? t('devices.output')
              : t('devices.outputWithCode', { code: action.exitCode })}
          </summary>
          <pre>{action.output}</pre>
        </details>
      )}
      {action.error && <p className="action-error">{action.error}</p>}
    </>
  );
}

/**
 * A password reset needs someone signed in whose password it resets, and the device's user to text
 * the temporary password to; macOS agents cannot do it (SPEC §6). The server says the rest.
 */
function canResetPassword(device: Device): boolean {
  return device.os !== 'macos' && device.loggedInUser !== null && device.contact !== null;
}

/** Installs one of the approved catalog's entries for the device's OS; none on Linux. */
function InstallPicker({ device, onQueued }: { device: Device; onQueued: () => void }) {
  const { t } = useTranslation('console');
  const selectId = useId();
  const catalog = useCached(softwareCache);
  const entries = (catalog.data ?? []).filter((entry) => softwareSupports(entry, device.os));
  const [chosenId, setChosenId] = useState('');
  const chosen = entries.find((entry) => entry.id === chosenId) ?? entries[0];
  if (!chosen) return null;
  return (
    <div className="actions">
      <label htmlFor={selectId}>{t('devices.installLabel')}</label>
      <select id={selectId} value={chosen.id} onChange={(event) => setChosenId(event.target.value)}>
        {entries.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.name}
          </option>
        ))}
      </select>
      <RunActionButton
        key={chosen.id}
        device={device}
        request={{ type: 'install_software', softwareId: chosen.id }}
        softwareName={chosen.name}
        onQueued={onQueued}
      />
    </div>
  );
}
