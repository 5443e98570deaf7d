import { type PortalComment, PortalCommentCreateSchema, type PortalTicket } from '@atrium/shared';
import { type FormEvent, type RefObject, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../lib/api';
import { ErrorAlert } from '../../ui/error-alert';
import { portalApi } from '../api';
import { FilePicker } from './file-picker';

type ReplyFormProps = {
  ticket: PortalTicket;
  /** The reply landed on this ticket. */
  onReplied: (comment: PortalComment, ticket: PortalTicket) => void;
  /** The reply opened a new ticket, because this one is billed or may not be reopened. */
  onFollowUp: (ticket: PortalTicket) => void;
  /** Any reply opens a follow-up: the form says so instead of offering a reply. */
  opensFollowUp: boolean;
  /** The message field, for the page's "Open a follow-up" to bring the keyboard here. */
  messageRef: RefObject<HTMLTextAreaElement | null>;
};

type Problem = { kind: 'empty' } | { kind: 'error'; code: string };

export function ReplyForm({ ticket, onReplied, onFollowUp, opensFollowUp, messageRef }: ReplyFormProps) {
  const { t } = useTranslation('portal');
  const { t: tShared } = useTranslation('shared');
  const headingId = useId();
  const messageId = useId();
  const hintId = useId();
  const errorId = useId();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isSending) return;
    const parsed = PortalCommentCreateSchema.safeParse({ body });
    if (!parsed.success) {
      setProblem({ kind: 'empty' });
      messageRef.current?.focus();
      return;
    }
    setProblem(null);
    setSent(false);
    setIsSending(true);
    try {
      const result = await portalApi.reply(ticket.id, parsed.data.body, files);
      setBody('');
      setFiles([]);
      if (result.ticket.id !== ticket.id) {
        onFollowUp(result.ticket);
        return;
      }
      setSent(true);
      onReplied(result.comment, result.ticket);
    } catch (error) {
      setProblem({ kind: 'error', code: errorCode(error) });
    } finally {
      setIsSending(false);
    }
  };

  return (
    <section className="portal-reply" aria-labelledby={headingId}>
      <h2 id={headingId}>{opensFollowUp ? t('ticket.followUpHeading') : t('ticket.replyHeading')}</h2>
      {opensFollowUp && (
        <p id={hintId} className="muted">
          {t('ticket.followUpHint')}
        </p>
      )}
      <form className="stack" onSubmit={submit} noValidate>
        {problem?.kind === 'error' && <ErrorAlert code={problem.code} />}
        <div className="field">
          <label htmlFor={messageId}>{t('ticket.message')}</label>
          <textarea
            ref={messageRef}
            id={messageId}
            rows={5}
            value={body}
            required
            aria-invalid={problem?.kind === 'empty' ? true : undefined}
            aria-describedby={
              [opensFollowUp && hintId, problem?.kind === 'empty' && errorId].filter(Boolean).join(' ') ||
              undefined
            }
            onChange={(event) => {
              setBody(event.target.value);
              setSent(false);
              // What went wrong was about the last attempt, not what is being typed now.
              if (problem?.kind === 'error') setProblem(null);
            }}
          />
          {problem?.kind === 'empty' && (
            <p id={errorId} className="portal-field-error">
              {tShared('validation.required')}
            </p>
          )}
        </div>
        <FilePicker label={t('files.label')} files={files} onChange={setFiles} disabled={isSending} />
        <div className="portal-form-actions">
          <button type="submit" className="button" aria-busy={isSending}>
            {opensFollowUp ? t('ticket.followUpSubmit') : t('ticket.send')}
          </button>
          <p role="status" className="muted">
            {isSending ? t('ticket.sending') : sent ? t('ticket.sent') : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
