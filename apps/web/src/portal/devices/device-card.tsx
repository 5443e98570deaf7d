import {
  type ActionState,
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
import { errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { useRefresh } from '../../lib/use-refresh';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorAlert } from '../../ui/error-alert';
import { FormProblemAlert, SelectField } from '../../ui/field';
import { type FormProblem, fieldError, useSubmit } from '../../ui/form';
import { portalApi } from '../api';
import { CodeField } from '../common/code-field';
import { isFinal, isPowerAction, stateTone } from './labels';

/** While an action is on its way, its state is followed closely. */
const REFRESH_MS = 2000;

type DeviceCardProps = { device: PortalDevice; hasNumber: boolean; onChanged: () => void };

/** The code form on show; after a new code was sent, focus goes to its field (the button that asked is gone). */
type CodeRequest = { requested: PortalActionRequested; focusCode: boolean };

/** One device: whether it is online, its actions, the code for the one asked, and what happened lately. */
export function DeviceCard({ device, hasNumber, onChanged }: DeviceCardProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const headingId = useId();
  const [codeRequest, setCodeRequest] = useState<CodeRequest | null>(null);
  const [followed, setFollowed] = useState<PortalAction | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [isResending, setIsResending] = useState(false);
  const offered = OFFERED_ACTIONS.filter((type) => device.actions.includes(type));
  const resetAccount = device.actions.includes('reset_password') ? device.passwordResetAccount : null;
  // The list may have changed since the choice (a reload): the first entry stands in for a vanished one.
  const software = device.software.find((entry) => entry.id === chosenId) ?? device.software[0];
  const awaitedId = codeRequest?.requested.action.id;

  const ask = async (type: ActionType, softwareId?: string) => {
    setProblem(null);
    try {
      const requested = await portalApi.requestAction(device.id, type, softwareId);
      setFollowed(null);
      setCodeRequest({ requested, focusCode: false });
    } catch (error) {
      // The one in flight shows in the history, with a new code to hand if it still waits for one.
      if (errorCode(error) === 'action_in_progress') onChanged();
      throw error;
    }
  };
  const askDirectly = (type: ActionType) => {
    ask(type).catch((error: unknown) => setProblem({ code: errorCode(error) }));
  };
  const resend = async (actionId: string) => {
    if (isResending) return;
    setProblem(null);
    setIsResending(true);
    try {
      const requested = await portalApi.resendCode(actionId);
      setFollowed(null);
      setCodeRequest({ requested, focusCode: true });
    } catch (error) {
      const code = errorCode(error);
      // It went ahead or ended meanwhile (another tab, its time ran out): the history shows where it is.
      if (code === 'conflict') onChanged();
      setProblem({ code, message: code === 'conflict' ? t('devices.codeNotAwaited') : undefined });
    } finally {
      setIsResending(false);
    }
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
      {problem && <ErrorAlert code={problem.code} message={problem.message} />}
      {codeRequest && (
        <CodeForm
          // A new code starts a new form: the last one's refusal ("expired") no longer holds.
          key={`${codeRequest.requested.action.id}:${codeRequest.requested.codeExpiresAt}`}
          requested={codeRequest.requested}
          focusCode={codeRequest.focusCode}
          isResending={isResending}
          onResend={() => void resend(codeRequest.requested.action.id)}
          onVerified={(action) => {
            setCodeRequest(null);
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
              {/* Its code field was lost with a reload: a new code brings it back. */}
              {action.state === 'awaiting_verification' && action.id !== awaitedId && hasNumber && (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-busy={isResending}
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

function StateBadge({ action }: { action: PortalAction }) {
  const { t } = useTranslation('portal');
  return (
    <span className={`badge tone-${stateTone(action.state)}`}>{t(`devices.states.${action.state}`)}</span>
  );
}

type CodeFormProps = {
  requested: PortalActionRequested;
  focusCode: boolean;
  isResending: boolean;
  /** Texts a new code for the same action (this one expired, or never came). */
  onResend: () => void;
  onVerified: (action: PortalAction) => void;
  /** The action ended without running (five wrong codes): it must be asked again. */
  onFailed: () => void;
};

/** "We texted a code to +33…": the action goes to the device once the code is right. */
function CodeForm({ requested, focusCode, isResending, onResend, onVerified, onFailed }: CodeFormProps) {
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
  const form = useSubmit({ schema: CodeSchema, send: verify, onSuccess: onVerified }, ts);
  useEffect(() => {
    if (focusCode) form.formRef.current?.querySelector('input')?.focus();
  }, [focusCode, form.formRef]);
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
        <button type="button" className="button button-quiet" aria-busy={isResending} onClick={onResend}>
          {t('devices.resend')}
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
      {current.type === 'reset_password' && <ResetNote state={current.state} />}
    </p>
  );
}

/** The temporary password is texted only once the device has set it: until then, the contact waits. */
function ResetNote({ state }: { state: ActionState }) {
  const { t } = useTranslation('portal');
  if (state === 'succeeded') return <span>{t('devices.resetDone')}</span>;
  return isFinal(state) ? null : <span>{t('devices.resetPending')}</span>;
}
