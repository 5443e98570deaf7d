import type { PortalMe } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * Where a contact goes when the knowledge base did not answer (a "No" vote, an empty search): a new
 * ticket, or the assistant where tickets are opened through it. Nothing when neither is theirs.
 */
export function StillNeedHelp({ me }: { me: PortalMe }) {
  const { t } = useTranslation('portal');
  if (!me.features.newTicket && !me.features.aiAssistant) return null;
  return (
    <p className="portal-still-need-help">
      <span>{t('kb.stillNeedHelp')}</span>{' '}
      {me.features.newTicket ? (
        <Link to="/tickets/new">{t('kb.openTicket')}</Link>
      ) : (
        <Link to="/assistant">{t('kb.askAssistant')}</Link>
      )}
    </p>
  );
}
