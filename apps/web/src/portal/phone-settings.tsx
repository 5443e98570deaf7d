import { CodeSchema, PhoneEnrolSchema, type TwoFactorStatus } from '@atrium/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { useLoad } from '../lib/use-load';
import { ConfirmButton } from '../ui/confirm-button';
import { FormProblemAlert, TextField } from '../ui/field';
import { fieldError, useSubmit } from '../ui/form';
import { portalApi } from './api';
import { CodeField } from './common/code-field';
import { LoadState } from './common/load-state';

type Notice = 'codeSent' | 'confirmed' | 'removed' | null;

/** "Mobile number for verification codes" (SPEC §5): the number is the contact's once its code is typed. */
export function PhoneSettings() {
  const { t } = useTranslation('portal');
  const { t: ts } = useTranslation('shared');
  const format = useFormat();
  const headingId = useId();
  const status = useLoad('2fa', (signal) => portalApi.getTwoFactor(signal));
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<Notice>(null);

  const update = (next: TwoFactorStatus, done: Notice) => {
    status.setData(next);
    setNotice(done);
  };
  const sendForm = useSubmit(
    {
      schema: PhoneEnrolSchema,
      send: portalApi.sendPhoneCode,
      onSuccess: (next) => {
        setCode('');
        update(next, 'codeSent');
      },
    },
    ts,
  );
  const verifyForm = useSubmit(
    {
      schema: CodeSchema,
      send: portalApi.verifyPhone,
      onSuccess: (next) => {
        setPhone('');
        setCode('');
        update(next, 'confirmed');
      },
    },
    ts,
  );

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (sendForm.isPending) return;
    setNotice(null);
    void sendForm.submit({ phone });
  };
  const verify = (event: FormEvent) => {
    event.preventDefault();
    if (verifyForm.isPending) return;
    setNotice(null);
    void verifyForm.submit({ code });
  };

  const current = status.data;
  const confirmed = current?.phoneVerified ? current.phone : null;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('settings.phone.title')}</h2>
      <p className="muted">{t('settings.phone.intro')}</p>
      <LoadState load={status} />
      {current && (
        <>
          <p>{confirmed ? t('settings.phone.confirmed', { phone: confirmed }) : t('settings.phone.none')}</p>
          {confirmed && (
            <div className="actions">
              <ConfirmButton
                label={t('settings.phone.remove')}
                title={t('settings.phone.removeTitle')}
                danger
                onConfirm={async () => update(await portalApi.removePhone(), 'removed')}
              >
                <p>{t('settings.phone.removeBody', { phone: confirmed })}</p>
              </ConfirmButton>
            </div>
          )}
          <form ref={sendForm.formRef} className="stack" onSubmit={send} noValidate>
            <FormProblemAlert problem={sendForm.problem} />
            <TextField
              label={confirmed ? t('settings.phone.newNumber') : t('settings.phone.number')}
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              value={phone}
              onChange={(event) => setPhone(event.target.value)}
              hint={t('settings.phone.numberHint')}
              error={fieldError(sendForm.errors, 'phone')}
            />
            <div className="actions">
              <button type="submit" className="button" aria-busy={sendForm.isPending}>
                {t('settings.phone.send')}
              </button>
            </div>
          </form>
          {current.pendingPhone && (
            <form ref={verifyForm.formRef} className="stack" onSubmit={verify} noValidate>
              <p>
                {current.codeExpiresAt
                  ? t('settings.phone.codeSentUntil', {
                      phone: current.pendingPhone,
                      time: format.date(current.codeExpiresAt, { timeStyle: 'short' }),
                    })
                  : t('settings.phone.codeSent', { phone: current.pendingPhone })}
              </p>
              <FormProblemAlert problem={verifyForm.problem} />
              <CodeField
                label={t('settings.phone.code')}
                value={code}
                onChange={setCode}
                error={fieldError(verifyForm.errors, 'code')}
              />
              <div className="actions">
                <button type="submit" className="button" aria-busy={verifyForm.isPending}>
                  {t('settings.phone.verify')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
      <p role="status" className="status">
        {notice ? t(`settings.phone.notices.${notice}`) : ''}
      </p>
    </section>
  );
}
