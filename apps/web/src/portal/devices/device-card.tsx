import {
  type ActionType,
  type CodeInput,
  CodeSchema,
  OFFERED_ACTIONS,
  type PortalAction,
  type PortalActionRequested,
  type PortalDevice,
} from '@atrium/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ApiError, errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { useRefresh } from '../../lib/use-refresh';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorAlert } from '../../ui/error-alert';
import { FormProblemAlert } from '../../ui/field';
import { type FormProblem, fieldError, useSubmit } from '../../ui/form';
import { portalApi } from '../api';
import { CodeField } from '../common/code-field';
import { isFinal, isPowerAction, SERVER_WORDED_CODES, stateTone } from './labels';

/** While an action is on its way, its state is followed closely. */
const REFRESH_MS = 2000;

type DeviceCardProps = { device: PortalDevice; hasNumber: boolean; onChanged: () => void };

/** One device: whether it is online, its actions, the code for the one asked, and what happened lately. */
export function DeviceCard({ device, hasNumber, onChanged }: DeviceCardProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const headingId = useId();
  const [requested, setRequested] = useState<PortalActionRequested | null>(null);
  const [followed, setFollowed] = useState<PortalAction | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const offered = OFFERED_ACTIONS.filter((type) => device.actions.includes(type));

  const ask = async (type: ActionType) => {
    setProblem(null);
    const answer = await portalApi.requestAction(device.id, type);
    setFollowed(null);
    setRequested(answer);
  };
  const askDirectly = (type: ActionType) => {
    ask(type).catch((error: unknown) => setProblem(problemOf(error)));
  };

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
      {offered.length > 0 && hasNumber && (
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
                serverMessageCodes={SERVER_WORDED_CODES}
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
        </div>
      )}
      {problem && <ErrorAlert code={problem.code} message={problem.message} />}
      {requested && (
        <CodeForm
          key={requested.action.id}
          requested={requested}
          onVerified={(action) => {
            setRequested(null);
            setFollowed(action);
          }}
          onFailed={onChanged}
        />
      )}
      {followed && <LiveAction key={followed.id} action={followed} onEnded={onChanged} />}
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
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function problemOf(error: unknown): FormProblem {
  const code = errorCode(error);
  const isServerWorded =
    error instanceof ApiError && (SERVER_WORDED_CODES as readonly string[]).includes(code);
  return { code, message: isServerWorded ? error.message : undefined };
}

function StateBadge({ action }: { action: PortalAction }) {
  const { t } = useTranslation('portal');
  return (
    <span className={`badge tone-${stateTone(action.state)}`}>{t(`devices.states.${action.state}`)}</span>
  );
}

type CodeFormProps = {
  requested: PortalActionRequested;
  onVerified: (action: PortalAction) => void;
  /** The action ended without running (five wrong codes): it must be asked again. */
  onFailed: () => void;
};

/** "We texted a code to +33…": the action goes to the device once the code is right. */
function CodeForm({ requested, onVerified, onFailed }: CodeFormProps) {
  const { t } = useTranslation('portal');
  const { t: ts } = useTranslation('shared');
  const format = useFormat();
  const [code, setCode] = useState('');
  const [hasFailed, setHasFailed] = useState(false);
  const verify = async (input: CodeInput) => {
    try {
      return await portalApi.verifyAction(requested.action.id, input);
    } catch (error) {
      // After five wrong codes the action has failed: it must be asked again.
      const action = await portalApi.getAction(requested.action.id).catch(() => null);
      if (action && isFinal(action.state)) {
        setHasFailed(true);
        onFailed();
      }
      throw error;
    }
  };
  const form = useSubmit(
    { schema: CodeSchema, send: verify, onSuccess: onVerified, serverMessageCodes: SERVER_WORDED_CODES },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    void form.submit({ code });
  };
  if (hasFailed) return <FormProblemAlert problem={form.problem} />;
  return (
    <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
      <p role="status">
        {t('devices.codeSent', {
          action: t(`devices.types.${requested.action.type}`),
          phone: requested.codeSentTo,
          time: format.date(requested.codeExpiresAt, { timeStyle: 'short' }),
        })}
      </p>
      <FormProblemAlert problem={form.problem} />
      <CodeField
        label={t('devices.code')}
        value={code}
        onChange={setCode}
        error={fieldError(form.errors, 'code')}
      />
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('devices.verify')}
        </button>
      </div>
    </form>
  );
}

/** The action after its code: its state, followed until it ends. */
function LiveAction({ action, onEnded }: { action: PortalAction; onEnded: () => void }) {
  const { t } = useTranslation('portal');
  const live = useLoad(`action:${action.id}`, (signal) => portalApi.getAction(action.id, signal));
  const current = live.data ?? action;
  const hasEnded = isFinal(current.state);
  useRefresh(live, REFRESH_MS, !hasEnded);
  useEffect(() => {
    if (hasEnded) onEnded();
  }, [hasEnded, onEnded]);
  return (
    <p className="portal-device-live" role="status">
      {t('devices.live', { action: t(`devices.types.${current.type}`) })} <StateBadge action={current} />
    </p>
  );
}
