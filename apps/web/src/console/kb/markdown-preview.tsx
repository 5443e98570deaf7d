import { useTranslation } from 'react-i18next';
import { useDebounced, useLoad } from '../../lib/use-load';
import { ErrorAlert } from '../../ui/error-alert';
import { ServerHtml } from '../../ui/server-html';
import { kbApi } from './api';

type MarkdownPreviewProps = { markdown: string; id?: string };

/** The body as the portal will show it, rendered by the server a moment after typing stops. */
export function MarkdownPreview({ markdown, id }: MarkdownPreviewProps) {
  const { t } = useTranslation('console');
  const text = useDebounced(markdown, 400);
  const preview = useLoad(`preview:${text}`, (signal) =>
    text.trim() === '' ? Promise.resolve('') : kbApi.preview(text, signal),
  );
  return (
    <section
      className="preview"
      aria-labelledby={id ? `${id}-title` : undefined}
      aria-busy={preview.isLoading}
    >
      <h2 id={id ? `${id}-title` : undefined} className="preview-title">
        {t('articleEditor.preview')}
      </h2>
      {preview.error && <ErrorAlert code={preview.error} />}
      {preview.data === '' ? (
        <p className="muted">{t('articleEditor.previewEmpty')}</p>
      ) : (
        <ServerHtml className="prose" html={preview.data ?? ''} />
      )}
    </section>
  );
}
