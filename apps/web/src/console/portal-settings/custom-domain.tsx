import { CertificateUploadSchema, type CustomDomainStatus } from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { CopyButton } from '../../ui/copy-button';
import { Dialog } from '../../ui/dialog';
import { FormProblemAlert, TextAreaField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { portalSettingsApi } from './api';

/**
 * Under the custom domain field: the CNAME to create, what DNS answers now and what to fix, and the
 * certificate. It describes the saved domain, not the one being typed.
 */
export function CustomDomainStatusPanel({ domain }: { domain: string | null }) {
  const { t } = useTranslation('console');
  const status = useLoad(`portal-domain:${domain}`, (signal) => portalSettingsApi.getDomain(signal), !domain);
  const [uploading, setUploading] = useState(false);
  if (!domain) return null;
  return (
    <div className="stack" aria-live="polite">
      <LoadState load={status} />
      {status.data && <DomainState status={status.data} />}
      <div className="actions">
        <button
          type="button"
          className="button button-quiet"
          onClick={status.reload}
          aria-busy={status.isLoading}
        >
          {t('portalSettings.domain.checkAgain')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setUploading(true)}>
          {t('portalSettings.domain.upload')}
        </button>
      </div>
      {/* In the page's body: the dialog has a form of its own, which the settings form cannot hold. */}
      {createPortal(
        <Dialog
          open={uploading}
          title={t('portalSettings.domain.uploadTitle')}
          onClose={() => setUploading(false)}
        >
          <UploadForm
            onUploaded={(next) => {
              status.setData(next);
              setUploading(false);
            }}
            onCancel={() => setUploading(false)}
          />
        </Dialog>,
        document.body,
      )}
    </div>
  );
}

function DomainState({ status }: { status: CustomDomainStatus }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const { domain, cnameTarget: target, dns, certificate } = status;
  const values = { domain, target, found: dns?.found.join(', ') ?? '' };
  return (
    <>
      <div className="inline-form">
        <p className="filter-grow">{t('portalSettings.domain.cname', values)}</p>
        <CopyButton
          label={t('portalSettings.domain.copyTarget')}
          value={target}
          className="button button-quiet"
        />
      </div>
      {dns && (
        <p className={dns.status === 'ok' ? 'alert' : 'alert alert-warning'}>
          {t(`portalSettings.domain.dns.${dns.status}`, values)}
        </p>
      )}
      {!status.httpsEnabled ? (
        <p className="alert alert-warning">{t('portalSettings.domain.httpsOff')}</p>
      ) : certificate ? (
        <p className={certificate.expired ? 'alert alert-error' : 'muted'}>
          {t(
            certificate.expired
              ? 'portalSettings.domain.certificateExpired'
              : `portalSettings.domain.certificate.${certificate.source}`,
            { date: format.date(certificate.notAfter) },
          )}
        </p>
      ) : (
        <p className="muted">
          {t(status.ordering ? 'portalSettings.domain.ordering' : 'portalSettings.domain.noCertificate')}
        </p>
      )}
      {status.lastError && (
        <p className="alert alert-error">
          {t('portalSettings.domain.lastError', { error: status.lastError })}
        </p>
      )}
    </>
  );
}

type UploadFormProps = { onUploaded: (status: CustomDomainStatus) => void; onCancel: () => void };

function UploadForm({ onUploaded, onCancel }: UploadFormProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [certificate, setCertificate] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const form = useSubmit(
    { schema: CertificateUploadSchema, send: portalSettingsApi.uploadCertificate, onSuccess: onUploaded },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // React events follow the component tree through the portal: the settings form must not submit.
    event.stopPropagation();
    if (!form.isPending) void form.submit({ certificate, privateKey });
  };
  return (
    <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <TextAreaField
        label={t('portalSettings.domain.certificatePem')}
        hint={t('portalSettings.domain.certificatePemHint')}
        value={certificate}
        onChange={(event) => setCertificate(event.target.value)}
        error={fieldError(form.errors, 'certificate')}
        rows={6}
        spellCheck={false}
      />
      <TextAreaField
        label={t('portalSettings.domain.privateKeyPem')}
        value={privateKey}
        onChange={(event) => setPrivateKey(event.target.value)}
        error={fieldError(form.errors, 'privateKey')}
        rows={6}
        spellCheck={false}
        autoComplete="off"
      />
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('portalSettings.domain.uploadSubmit')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {ts('common.cancel')}
        </button>
      </div>
    </form>
  );
}
