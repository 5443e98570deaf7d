import type { AssistantMessage } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProposalCard } from './proposal-card';

type ChatMessageProps = {
  sessionId: string;
  message: AssistantMessage;
  /** Whether to link its ticket: only where the ticket first appears, not on every later answer. */
  showTicket: boolean;
  hasNumber: boolean;
};

/**
 * One message of the conversation. Its text is the assistant's own words, shown as plain text
 * (React escapes it; line breaks kept by CSS), never as markup.
 */
export function ChatMessage({ sessionId, message, showTicket, hasNumber }: ChatMessageProps) {
  const { t } = useTranslation('portal');
  const isUser = message.role === 'user';
  return (
    <li className={`portal-chat-message ${isUser ? 'portal-chat-user' : 'portal-chat-assistant'}`}>
      <p className="portal-message-author">{isUser ? t('assistant.you') : t('assistant.name')}</p>
      <p className="portal-chat-text" lang={message.language}>
        {message.text}
      </p>
      {message.articles && message.articles.length > 0 && (
        <div className="portal-chat-articles">
          <p className="portal-chat-label">{t('assistant.articles')}</p>
          <ul>
            {message.articles.map((article) => (
              <li key={article.id}>
                <Link to={`/kb/${encodeURIComponent(article.id)}`}>{article.title}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {message.proposedAction && (
        <ProposalCard
          sessionId={sessionId}
          messageId={message.id}
          proposal={message.proposedAction}
          ran={message.action}
          hasNumber={hasNumber}
        />
      )}
      {message.ticket && showTicket && (
        <p className="portal-chat-ticket">
          <Link to={`/tickets/${encodeURIComponent(message.ticket.id)}`}>
            {t('ticket.number', { number: message.ticket.number })}
          </Link>
        </p>
      )}
    </li>
  );
}
