import { ASSISTANT_MESSAGE_MAX, type AssistantMessage, type PortalMe } from '@atrium/shared';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { ErrorAlert } from '../../ui/error-alert';
import { Page } from '../../ui/page';
import { portalApi } from '../api';
import { LoadState } from '../common/load-state';
import { ChatMessage } from './chat-message';
import { useConversation } from './use-conversation';

/** The counter under the message appears this close to the limit. */
const COUNT_FROM_REMAINING = 200;

type Example = 'restart' | 'email' | 'tickets' | 'printer' | 'vpn';

/** Three questions to start with, among those the contact's features can answer. */
function examplesFor(me: PortalMe): Example[] {
  const examples: Example[] = [];
  if (me.features.selfService) examples.push('restart');
  if (me.features.knowledgeBase) examples.push('email');
  if (me.features.ticketing) examples.push('tickets');
  examples.push('printer', 'vpn');
  return examples.slice(0, 3);
}

/** The messages where each ticket first appears: every later answer of the conversation carries it too. */
function firstMentions(messages: readonly AssistantMessage[]): Set<string> {
  const seen = new Set<string>();
  const firsts = new Set<string>();
  for (const message of messages) {
    if (!message.ticket || seen.has(message.ticket.id)) continue;
    seen.add(message.ticket.id);
    firsts.add(message.id);
  }
  return firsts;
}

/** The portal's assistant (SPEC §7): a chat whose answers stream in, with articles, actions to confirm and a way to a person. */
export function AssistantPage({ me }: { me: PortalMe }) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const ids = { message: useId(), hint: useId() };
  const [announcement, setAnnouncement] = useState('');
  const conversation = useConversation(me, (text) => setAnnouncement(t('assistant.answered', { text })));
  const { load, session, messages, pending, isBusy } = conversation;
  const [draft, setDraft] = useState('');
  const composer = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const wasBusy = useRef(false);
  const remaining = ASSISTANT_MESSAGE_MAX - draft.length;
  const isEmpty = messages.length === 0 && !pending;

  // The newest words stay in sight, the answer growing just above the composer.
  useEffect(() => {
    if (messages.length > 0 || pending) form.current?.scrollIntoView({ block: 'nearest' });
  }, [messages.length, pending]);
  // The field (and the button pressed) were disabled while the answer came, which lost the focus:
  // it goes back to the field, for the next message.
  useEffect(() => {
    if (wasBusy.current && !isBusy) composer.current?.focus();
    wasBusy.current = isBusy;
  }, [isBusy]);

  const send = async (text: string) => {
    if (text.trim() === '') {
      composer.current?.focus();
      return;
    }
    setDraft('');
    const isKept = await conversation.send(text);
    if (!isKept) setDraft(text);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(draft);
  };
  const sendOnEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Shift+Enter is a new line; Enter while an input method composes a word confirms the word.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send(draft);
  };

  const ticketShownAt = firstMentions(messages);
  // Asked only once there is something to confirm; until the answer comes, confirming is offered.
  const hasProposal = messages.some((message) => message.proposedAction);
  const twoFactor = useLoad('2fa', (signal) => portalApi.getTwoFactor(signal), !hasProposal);
  const hasNumber = twoFactor.data?.phoneVerified ?? true;

  return (
    <Page
      title={t('nav.assistant')}
      actions={
        !isEmpty && (
          <button
            type="button"
            className="button button-quiet"
            disabled={isBusy}
            onClick={() => {
              conversation.restart();
              setDraft('');
              composer.current?.focus();
            }}
          >
            {t('assistant.newConversation')}
          </button>
        )
      }
    >
      <LoadState load={load} />
      {load.data !== undefined && (
        <div className="portal-chat">
          {isEmpty ? (
            <div className="portal-chat-welcome">
              <p className="lead">{t('assistant.greeting', { firstName: me.contact.firstName })}</p>
              <p>{t('assistant.intro')}</p>
              <p className="portal-chat-label">{t('assistant.examples')}</p>
              <ul className="portal-chat-examples">
                {examplesFor(me).map((example) => (
                  <li key={example}>
                    <button
                      type="button"
                      className="button button-quiet"
                      disabled={isBusy}
                      onClick={() => void send(t(`assistant.example.${example}`))}
                    >
                      {t(`assistant.example.${example}`)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <ol className="portal-chat-log" aria-label={t('assistant.conversation')} aria-busy={isBusy}>
              {messages.map((message) => (
                <ChatMessage
                  key={message.id}
                  sessionId={session?.id ?? ''}
                  message={message}
                  showTicket={ticketShownAt.has(message.id)}
                  hasNumber={hasNumber}
                />
              ))}
              {pending && (
                <>
                  <li className="portal-chat-message portal-chat-user">
                    <p className="portal-message-author">{t('assistant.you')}</p>
                    <p className="portal-chat-text">{pending.text}</p>
                  </li>
                  <li className="portal-chat-message portal-chat-assistant">
                    <p className="portal-message-author">{t('assistant.name')}</p>
                    <p className="portal-chat-text">{pending.answer || t('assistant.writing')}</p>
                  </li>
                </>
              )}
            </ol>
          )}
          {/* Polite and said once: the whole answer when it is done, not each piece as it streams. */}
          <p className="visually-hidden" aria-live="polite">
            {isBusy ? t('assistant.writing') : announcement}
          </p>
          {conversation.problem && <ErrorAlert code={conversation.problem} />}
          <form ref={form} className="portal-chat-composer stack" onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor={ids.message}>{t('assistant.message')}</label>
              <textarea
                ref={composer}
                id={ids.message}
                rows={3}
                maxLength={ASSISTANT_MESSAGE_MAX}
                value={draft}
                disabled={isBusy}
                aria-describedby={ids.hint}
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={sendOnEnter}
              />
              <p id={ids.hint} className="field-hint">
                {t('assistant.keys')}
                {remaining <= COUNT_FROM_REMAINING &&
                  ` ${t('assistant.remaining', { remaining: format.number(remaining) })}`}
              </p>
            </div>
            <div className="portal-form-actions">
              <button type="submit" className="button" disabled={isBusy} aria-busy={pending !== null}>
                {t('assistant.send')}
              </button>
              {me.features.ticketing && (
                <button
                  type="button"
                  className="button button-quiet"
                  disabled={isBusy}
                  onClick={() => void conversation.escalate()}
                >
                  {t('assistant.talkToPerson')}
                </button>
              )}
            </div>
          </form>
        </div>
      )}
    </Page>
  );
}
