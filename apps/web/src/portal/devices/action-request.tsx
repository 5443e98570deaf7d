import {
  type ActionState,
  type ActionType,
  type CodeInput,
  CodeSchema,
  type PortalAction,
  type PortalActionRequested,
} from '@atrium/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { useRefresh } from '../../lib/use-refresh';
import { ErrorAlert } from '../../ui/error-alert';
import { FormProblemAlert } from '../../ui/field';
import { type FormProblem, fieldError, useSubmit } from '../../ui/form';
import { portalApi } from '../api';
import { CodeField } from '../common/code-field';
import { isFinal, stateTone } from './labels';

/** While an action is on its way, its state is followed closely. */
const REFRESH_MS = 2000;

/** The code form on show; after a new code was sent, focus goes to its field (the button that asked is gone). */
type CodeRequest = { requested: PortalActionRequested; focusCode: boolean };

export type ActionRequest = ReturnType<typeof useActionRequest>;

/**
 * An action asked for on one device, from the request to its end: the texted code (a new one on
 * demand), then its state as the device runs it. Used by My devices and by the assistant's
 * proposals; `onChanged` hears of changes the request alone does not show (another action already
 * in flight, one that ended), so a list of the device's actions can be loaded again. With
 * `focusCode`, the code field takes the focus as soon as it shows: where the button that asked
 * goes away with the request, the focus would otherwise be lost.
 */
export function useActionRequest(
  deviceId: string,
  onChanged: () => void,
  options: {
    focusCode?: boolean;
    /** How the action is asked for, when not straight on the device (a chat's proposal). */
    send?: (type: ActionType, softwareId?: string) => Promise<PortalActionRequested>;
  } = {},
) {
  const { t } = useTranslation('portal');
  const [codeRequest, setCodeRequest] = useState<CodeRequest | null>(null);
  const [followed, setFollowed] = useState<PortalAction | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isResending, setIsResending] = useState(false);

  /** Throws, for a confirmation dialog to show why it was refused. */
  const ask = async (type: ActionType, softwareId?: string) => {
    setProblem(null);
    try {
      const requested = await (options.send ?? ((...args) => portalApi.requestAction(deviceId, ...args)))(
        type,
        softwareId,
      );
      setFollowed(null);
      setCodeRequest({ requested, focusCode: options.focusCode ?? false });
    } catch (error) {
      // The one in flight shows in the history, with a new code to hand if it still waits for one.
      if (errorCode(error) === 'action_in_progress') onChanged();
      throw error;
    }
  };
  const askDirectly = (type: ActionType, softwareId?: string) => {
    ask(type, softwareId).catch((error: unknown) => setProblem({ code: errorCode(error) }));
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

  return {
    ask,
    askDirectly,
    resend,
    isResending,
    /** The action whose code form is on show, if any. */
    awaitedId: codeRequest?.requested.action.id,
    /** Whether an action was asked for here: its code form or its live state is on show. */
    isUnderway: codeRequest !== null || followed !== null,
    codeRequest,
    followed,
    problem,
    onChanged,
    verified: (action: PortalAction) => {
      setCodeRequest(null);
      setFollowed(action);
    },
  };
}

/** What follows the request: a refusal, the form for the texted code, or the action's live state. */
export function ActionProgress({ request }: { request: ActionRequest }) {
  const { codeRequest, followed, problem } = request;
  return (
    <>
      {problem && <ErrorAlert code={problem.code} message={problem.message} />}
      {codeRequest && (
        <CodeForm
          // A new code starts a new form: the last one's refusal ("expired") no longer holds.
          key={`${codeRequest.requested.action.id}:${codeRequest.requested.codeExpiresAt}`}
          requested={codeRequest.requested}
          focusCode={codeRequest.focusCode}
          isResending={request.isResending}
          onResend={() => void request.resend(codeRequest.requested.action.id)}
          onVerified={request.verified}
          onFailed={request.onChanged}
        />
      )}
      {followed && <LiveAction key={followed.id} action={followed} onEnded={request.onChanged} />}
    </>
  );
}

export function StateBadge({ action }: { action: Pick<PortalAction, 'state'> }) {
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
