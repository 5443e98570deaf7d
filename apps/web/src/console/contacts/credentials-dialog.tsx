import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../ui/copy-button';
import { Dialog } from '../../ui/dialog';
import type { Credentials } from './api';

type CredentialsDialogProps = {
  /** Null when closed. */
  credentials: Credentials | null;
  contactName: string;
  onDone: () => void;
};

/** The portal username and the generated password, shown once: the server keeps only a hash. */
export function CredentialsDialog({ credentials, contactName, onDone }: CredentialsDialogProps) {
  const { t } = useTranslation('console');
  return (
    <Dialog open={credentials !== null} title={t('credentials.title')} onClose={onDone}>
      {credentials && (
        <>
          <p>{t('credentials.intro', { name: contactName })}</p>
          <p className="alert alert-warning">{t('credentials.once')}</p>
          <dl className="credentials">
            <div className="credential">
              <dt>{t('credentials.username')}</dt>
              <dd>
                <code className="secret">{credentials.username}</code>
                <CopyButton label={t('credentials.copyUsername')} value={credentials.username} />
              </dd>
            </div>
            <div className="credential">
              <dt>{t('credentials.password')}</dt>
              <dd>
                <code className="secret">{credentials.password}</code>
                <CopyButton label={t('credentials.copyPassword')} value={credentials.password} />
              </dd>
            </div>
          </dl>
          {credentials.emailSkipped === null ? (
            <p className="muted">{t('credentials.emailed')}</p>
          ) : (
            <p className="muted">{t(`credentials.notEmailed.${credentials.emailSkipped}`)}</p>
          )}
          <div className="actions">
            <button type="button" className="button" onClick={onDone}>
              {t('credentials.done')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
