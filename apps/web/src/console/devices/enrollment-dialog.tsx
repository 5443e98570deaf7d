import {
  DEVICE_OSES,
  ENROLLMENT_TOKEN_DEFAULT_HOURS,
  type EnrollmentTokenCreated,
  EnrollmentTokenCreateSchema,
} from '@atrium/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { CopyButton } from '../../ui/copy-button';
import { Dialog } from '../../ui/dialog';
import { FormProblemAlert, TextField } from '../../ui/field';
import { type FieldErrors, fieldError, useSubmit } from '../../ui/form';
import { CustomerSelect } from '../customers/customer-select';
import { enrollmentApi } from './api';

type AddDeviceButtonProps = {
  /** The customer chosen at first ('' for none); the technician may change it. */
  customerId: string;
  onCreated?: () => void;
  className?: string;
};

/** Opens the dialog that makes an enrollment token and shows how to install the agent with it. */
export function AddDeviceButton({ customerId, onCreated, className }: AddDeviceButtonProps) {
  const { t } = useTranslation('console');
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className={className ?? 'button'} onClick={() => setIsOpen(true)}>
        {t('enrollment.add')}
      </button>
      <Dialog
        open={isOpen}
        title={t('enrollment.title')}
        onClose={() => setIsOpen(false)}
        className="dialog-wide"
      >
        <EnrollmentSteps customerId={customerId} onCreated={onCreated} onDone={() => setIsOpen(false)} />
      </Dialog>
    </>
  );
}

type EnrollmentStepsProps = { customerId: string; onCreated?: (() => void) | undefined; onDone: () => void };

/** Mounted each time the dialog opens: the form first, then the token it made, never kept after. */
function EnrollmentSteps({ customerId, onCreated, onDone }: EnrollmentStepsProps) {
  const [created, setCreated] = useState<EnrollmentTokenCreated | null>(null);
  if (created) return <InstallInstructions created={created} onDone={onDone} />;
  return (
    <EnrollmentForm
      customerId={customerId}
      onCancel={onDone}
      onCreated={(token) => {
        setCreated(token);
        onCreated?.();
      }}
    />
  );
}

type EnrollmentFormProps = {
  customerId: string;
  onCancel: () => void;
  onCreated: (token: EnrollmentTokenCreated) => void;
};

/** An empty number field sends nothing, so the server's default applies. */
const numberOrDefault = (text: string) => (text.trim() === '' ? undefined : Number(text));

function EnrollmentForm({ customerId: initialCustomerId, onCancel, onCreated }: EnrollmentFormProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [customerId, setCustomerId] = useState(initialCustomerId);
  const [maxUses, setMaxUses] = useState('1');
  const [hours, setHours] = useState(String(ENROLLMENT_TOKEN_DEFAULT_HOURS));
  const form = useSubmit(
    {
      schema: EnrollmentTokenCreateSchema,
      send: enrollmentApi.create,
      check: (input): FieldErrors => (input.customerId ? {} : { customerId: t('enrollment.chooseCustomer') }),
      onSuccess: onCreated,
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    void form.submit({
      customerId,
      maxUses: numberOrDefault(maxUses),
      expiresInHours: numberOrDefault(hours),
    });
  };

  return (
    <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
      <p>{t('enrollment.intro')}</p>
      <FormProblemAlert problem={form.problem} />
      <CustomerSelect
        label={t('enrollment.customer')}
        emptyLabel={t('enrollment.chooseCustomer')}
        value={customerId}
        onChange={setCustomerId}
        error={fieldError(form.errors, 'customerId')}
      />
      <div className="form-grid">
        <TextField
          label={t('enrollment.maxUses')}
          hint={t('enrollment.maxUsesHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={10_000}
          value={maxUses}
          onChange={(event) => setMaxUses(event.target.value)}
          error={fieldError(form.errors, 'maxUses')}
        />
        <TextField
          label={t('enrollment.hours')}
          hint={t('enrollment.hoursHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          value={hours}
          onChange={(event) => setHours(event.target.value)}
          error={fieldError(form.errors, 'expiresInHours')}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('enrollment.create')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {ts('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The token and its install commands, shown once: the server keeps only a hash of the token. */
function InstallInstructions({ created, onDone }: { created: EnrollmentTokenCreated; onDone: () => void }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const note = useRef<HTMLParagraphElement>(null);
  // The form that had focus is gone: the warning is what to read first.
  useEffect(() => note.current?.focus(), []);

  return (
    <>
      <p ref={note} className="alert alert-warning" tabIndex={-1}>
        {t('enrollment.once')}
      </p>
      <p>
        {t('enrollment.validity', {
          count: created.maxUses,
          expires: format.date(created.expiresAt, { dateStyle: 'medium', timeStyle: 'short' }),
        })}
      </p>
      <dl className="credentials">
        <div className="credential">
          <dt>{t('enrollment.token')}</dt>
          <dd>
            <code className="secret">{created.token}</code>
            <CopyButton label={t('enrollment.copyToken')} value={created.token} />
          </dd>
        </div>
      </dl>
      <h3 className="install-title">{t('enrollment.install')}</h3>
      <p className="muted">{t('enrollment.installHint')}</p>
      <dl className="install-commands">
        {DEVICE_OSES.map((os) => (
          <div key={os} className="install-command">
            <dt>{t(`devices.oses.${os}`)}</dt>
            <dd>
              <pre className="command">
                <code>{created.installCommands[os]}</code>
              </pre>
              <CopyButton
                label={t('enrollment.copyCommand', { os: t(`devices.oses.${os}`) })}
                value={created.installCommands[os] ?? ''}
              />
            </dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          {t('enrollment.done')}
        </button>
      </div>
    </>
  );
}
