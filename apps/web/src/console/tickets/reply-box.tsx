import { type Comment, CommentCreateSchema } from '@atrium/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Field, FormProblemAlert, TextAreaField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { ticketsApi } from './api';
import { formatSize } from './ticket-thread';

type ReplyBoxProps = { ticketId: string; onSent: (comment: Comment) => void };

/** A public reply (the contact sees it) or an internal note (technicians only), with files. */
export function ReplyBox({ ticketId, onSent }: ReplyBoxProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const format = useFormat();
  const kindName = useId();
  const [internal, setInternal] = useState(false);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  // A new key empties the file input, which cannot be cleared through its value.
  const [fileInputKey, setFileInputKey] = useState(0);
  const [sent, setSent] = useState('');

  const form = useSubmit(
    {
      schema: CommentCreateSchema,
      send: (data) =>
        ticketsApi.addComment(ticketId, { body: data.body, internal: data.internal ?? false, files }),
      onSuccess: (comment) => {
        onSent(comment);
        setBody('');
        setFiles([]);
        setFileInputKey((key) => key + 1);
        setSent(comment.internal ? t('reply.noteAdded') : t('reply.replySent'));
      },
      fieldForCode: {
        payload_too_large: 'files',
        file_type_not_allowed: 'files',
        unsupported_media_type: 'files',
      },
    },
    ts,
  );

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (form.isPending) return;
    setSent('');
    void form.submit({ body, internal });
  };

  return (
    <form
      ref={form.formRef}
      className={`reply ${internal ? 'reply-internal' : ''}`.trim()}
      onSubmit={submit}
      aria-label={t('reply.label')}
      noValidate
    >
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('reply.kind')}</legend>
        <label className="segment">
          <input
            type="radio"
            name={kindName}
            value="public"
            checked={!internal}
            onChange={() => setInternal(false)}
          />
          {t('reply.public')}
        </label>
        <label className="segment segment-internal">
          <input
            type="radio"
            name={kindName}
            value="internal"
            checked={internal}
            onChange={() => setInternal(true)}
          />
          {t('reply.internal')}
        </label>
      </fieldset>
      <FormProblemAlert problem={form.problem} />
      <TextAreaField
        label={t('reply.message')}
        hint={internal ? t('reply.internalHint') : t('reply.publicHint')}
        value={body}
        rows={6}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
        }}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        error={fieldError(form.errors, 'body')}
      />
      <Field label={t('reply.files')} error={fieldError(form.errors, 'files')}>
        {(control) => (
          <input
            {...control}
            key={fileInputKey}
            type="file"
            multiple
            onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
          />
        )}
      </Field>
      {files.length > 0 && (
        <ul className="file-list">
          {files.map((file) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`}>
              {file.name} <span className="muted">{formatSize(file.size, format.number)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('reply.send')}
        </button>
        <span className="muted">{t('reply.shortcut')}</span>
        <span role="status" className="reply-status">
          {sent}
        </span>
      </div>
    </form>
  );
}
