import type { AssistantMessage, ProposedAction } from '@atrium/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../ui/confirm-button';
import { portalApi } from '../api';
import { ActionProgress, StateBadge, useActionRequest } from '../devices/action-request';
import { isFinal, isPowerAction } from '../devices/labels';

/** A conversation lists no device history that an action's end would need to refresh. */
const NOTHING_TO_RELOAD = () => undefined;

type ProposalCardProps = {
  sessionId: string;
  /** The answer that proposed it: the action is asked for as that proposal, which the chat follows. */
  messageId: string;
  proposal: ProposedAction;
  /** The action already run from it (shown again after a reload), if any. */
  ran: AssistantMessage['action'];
  /** Whether the contact has a confirmed number for the codes; without one, nothing can be confirmed yet. */
  hasNumber: boolean;
};

/**
 * An action the assistant proposes: nothing runs until the contact confirms it here (a power
 * action asks once more, as on My devices), then the texted code, then its live state.
 */
export function ProposalCard({ sessionId, messageId, proposal, ran, hasNumber }: ProposalCardProps) {
  const { t } = useTranslation('portal');
  const titleId = useId();
  const request = useActionRequest(proposal.deviceId, NOTHING_TO_RELOAD, {
    focusCode: true,
    send: () => portalApi.runProposal(sessionId, messageId),
  });
  const { type, hostname, softwareId } = proposal;
  // Run already and not failed: confirming again would only repeat it (or be refused as in progress).
  const isSettled = ran !== undefined && (!isFinal(ran.state) || ran.state === 'succeeded');
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
      {ran && !request.isUnderway && (
        <p className="portal-chat-proposal-state">
          {t('assistant.ran')} <StateBadge action={ran} />{' '}
          {ran.state === 'awaiting_verification' && hasNumber && (
            <button
              type="button"
              className="button button-quiet button-small"
              aria-busy={request.isResending}
              onClick={() => void request.resend(ran.id)}
            >
              {t('devices.resend')}
            </button>
          )}
        </p>
      )}
      {hasNumber && !request.isUnderway && !isSettled && (
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
