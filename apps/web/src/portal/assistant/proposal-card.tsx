import type { ProposedAction } from '@atrium/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../ui/confirm-button';
import { ActionProgress, useActionRequest } from '../devices/action-request';
import { isPowerAction } from '../devices/labels';

/** A conversation lists no device history that an action's end would need to refresh. */
const NOTHING_TO_RELOAD = () => undefined;

type ProposalCardProps = {
  proposal: ProposedAction;
  /** Whether the contact has a confirmed number for the codes; without one, nothing can be confirmed yet. */
  hasNumber: boolean;
};

/**
 * An action the assistant proposes: nothing runs until the contact confirms it here (a power
 * action asks once more, as on My devices), then the texted code, then its live state.
 */
export function ProposalCard({ proposal, hasNumber }: ProposalCardProps) {
  const { t } = useTranslation('portal');
  const titleId = useId();
  const request = useActionRequest(proposal.deviceId, NOTHING_TO_RELOAD, { focusCode: true });
  const { type, hostname, softwareId } = proposal;
  return (
    <section className="portal-chat-proposal stack" aria-labelledby={titleId}>
      <p id={titleId} className="portal-chat-proposal-title">
        {t(`assistant.proposal.${type}`, { hostname, name: proposal.softwareName ?? '' })}
      </p>
      {!hasNumber && (
        <p className="portal-notice">
          {t('devices.noNumber')} <Link to="/settings">{t('devices.goToSettings')}</Link>
        </p>
      )}
      {hasNumber && !request.isUnderway && (
        <>
          <p className="muted">{t('assistant.proposalHint')}</p>
          <div className="actions">
            {isPowerAction(type) ? (
              <ConfirmButton
                label={t('assistant.confirm')}
                title={t(`devices.confirm.${type}.title`, { hostname })}
                confirmLabel={t(`devices.confirm.${type}.submit`)}
                className="button"
                danger
                onConfirm={() => request.ask(type)}
              >
                <p>{t(`devices.confirm.${type}.body`)}</p>
              </ConfirmButton>
            ) : (
              <button type="button" className="button" onClick={() => request.askDirectly(type, softwareId)}>
                {t('assistant.confirm')}
              </button>
            )}
          </div>
        </>
      )}
      <ActionProgress request={request} />
    </section>
  );
}
