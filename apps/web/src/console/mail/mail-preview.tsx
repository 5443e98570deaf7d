import { type MailPreviewRequest, MailPreviewRequestSchema, type RenderedMail } from '@atrium/shared';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useDebounced, useLoad } from '../../lib/use-load';
import { ErrorAlert } from '../../ui/error-alert';
import { mailApi } from './api';
import { splitBodyStyle } from './mail-html';

/** A rendered mail, or what the server found wrong with the template (an unknown placeholder). */
type Preview = { mail: RenderedMail } | { problems: string[] } | null;

async function loadPreview(request: MailPreviewRequest, signal: AbortSignal): Promise<Preview> {
  // A blank subject or body is refused by the schema: nothing to preview yet.
  const parsed = MailPreviewRequestSchema.safeParse(request);
  if (!parsed.success) return null;
  try {
    return { mail: await mailApi.preview(parsed.data, signal) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'validation_failed' && error.details.length > 0) {
      return { problems: error.details.map((detail) => detail.message) };
    }
    throw error;
  }
}

/** The mail as a contact would get it, rendered by the server with sample values once typing stops. */
export function MailPreview({ request }: { request: MailPreviewRequest }) {
  const { t } = useTranslation('console');
  const titleId = useId();
  const partName = useId();
  const [part, setPart] = useState<'html' | 'text'>('html');
  const debounced = useDebounced(request, 300);
  const preview = useLoad(JSON.stringify(debounced), (signal) => loadPreview(debounced, signal));

  return (
    <section className="preview mail-preview" aria-labelledby={titleId} aria-busy={preview.isLoading}>
      <h2 id={titleId} className="preview-title">
        {t('mailTemplates.preview')}
      </h2>
      {preview.error && <ErrorAlert code={preview.error} />}
      {preview.data === null && <p className="muted">{t('mailTemplates.previewEmpty')}</p>}
      {preview.data && 'problems' in preview.data && (
        <ul className="field-error mail-problems">
          {preview.data.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {preview.data && 'mail' in preview.data && (
        <>
          <p className="mail-preview-subject">
            <span className="muted">{t('mailTemplates.previewSubject')}</span>{' '}
            <strong>{preview.data.mail.subject}</strong>
          </p>
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('mailTemplates.part')}</legend>
            {(['html', 'text'] as const).map((value) => (
              <label key={value} className="segment">
                <input
                  type="radio"
                  name={partName}
                  value={value}
                  checked={part === value}
                  onChange={() => setPart(value)}
                />
                {t(`mailTemplates.parts.${value}`)}
              </label>
            ))}
          </fieldset>
          {part === 'html' ? (
            <MailFrame html={preview.data.mail.html} title={t('mailTemplates.htmlPart')} />
          ) : (
            <pre className="mail-text">{preview.data.mail.text}</pre>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The HTML part in a frame of its own, so that neither the console's styles nor the mail's reach
 * the other. Sandboxed without scripts; same origin only so that the console can set the body's
 * style and the frame's height from outside (see splitBodyStyle). Its links (target="_blank", as
 * the server writes them) open a tab of their own, as from the recipient's mail client.
 */
function MailFrame({ html, title }: { html: string; title: string }) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const { html: markup, bodyStyle } = splitBodyStyle(html);

  // Before the frame can load its srcdoc, so that no load is missed.
  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    let observer: ResizeObserver | undefined;
    const fit = () => {
      const mail = frame.contentDocument;
      if (!mail?.body) return;
      mail.body.style.cssText = bodyStyle;
      observer?.disconnect();
      observer = new ResizeObserver(() => {
        frame.style.height = `${mail.documentElement.offsetHeight}px`;
      });
      observer.observe(mail.documentElement);
    };
    frame.addEventListener('load', fit);
    return () => {
      frame.removeEventListener('load', fit);
      observer?.disconnect();
    };
  }, [bodyStyle]);

  return (
    <iframe
      ref={frameRef}
      className="mail-frame"
      title={title}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      srcDoc={markup}
    />
  );
}
