import type { Language, PortalKbArticle, PortalMe } from '@atrium/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { isLanguage, LANGUAGE_NAMES } from '../../i18n/languages';
import { ApiError, errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { ErrorAlert } from '../../ui/error-alert';
import { Page } from '../../ui/page';
import { ServerHtml } from '../../ui/server-html';
import { portalApi } from '../api';
import { isId } from '../common/ids';
import { LoadState } from '../common/load-state';
import { languageName, localized, useLanguage } from '../common/localized';
import { StillNeedHelp } from './still-need-help';

type ArticlePageProps = { me: PortalMe };

/**
 * An article in the contact's language when it has that translation (the server picks it), or in
 * the language a translation link asked for (`?lang=`).
 */
export function ArticlePage({ me }: ArticlePageProps) {
  const { t } = useTranslation('portal');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const asked = params.get('lang') ?? '';
  const requested: Language = isLanguage(asked) ? asked : me.language;
  const article = useLoad(`kb:article:${id}:${requested}`, (signal) =>
    isId(id)
      ? portalApi.getArticle(id, requested, signal)
      : Promise.reject(new ApiError(404, 'not_found', 'Not an id')),
  );

  if (!article.data || !article.isCurrent) {
    return (
      <Page title={t('kb.title')}>
        <LoadState load={article} />
        {article.error && (
          <p className="portal-more">
            <Link to="/kb">{t('kb.backToList')}</Link>
          </p>
        )}
      </Page>
    );
  }
  return (
    <Page title={article.data.title}>
      <ArticleBody key={article.data.id} me={me} article={article.data} requested={requested} />
    </Page>
  );
}

type ArticleBodyProps = { me: PortalMe; article: PortalKbArticle; requested: Language };

function ArticleBody({ me, article, requested }: ArticleBodyProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const language = useLanguage();
  const translations = article.translations.filter(
    (translation) => translation.language !== article.language,
  );
  const isInRequested = article.language === requested;

  return (
    <>
      <p className="portal-ticket-subtitle">
        {article.category && (
          <Link to={`/kb?category=${article.category.id}`}>{localized(article.category.name, language)}</Link>
        )}
        <span className="muted">
          {t('kb.updated', { date: format.date(article.updatedAt, { dateStyle: 'long' }) })}
        </span>
        <Link to="/kb">{t('kb.backToList')}</Link>
      </p>
      {!isInRequested && (
        <p className="portal-notice">
          {t('kb.notTranslated', {
            language: languageName(requested, language),
            original: languageName(article.language, language),
          })}
        </p>
      )}
      {translations.length > 0 && (
        <nav className="portal-translations" aria-label={t('kb.otherLanguages')}>
          <span>{t('kb.otherLanguages')}</span>
          <ul>
            {translations.map((translation) => (
              <li key={translation.id}>
                <Link
                  to={`/kb/${translation.id}?lang=${translation.language}`}
                  lang={translation.language}
                  hrefLang={translation.language}
                  title={translation.title}
                >
                  {LANGUAGE_NAMES[translation.language]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <article className="portal-panel" lang={article.language}>
        <ServerHtml html={article.bodyHtml} className="portal-prose" />
      </article>
      <Feedback me={me} articleId={article.id} />
    </>
  );
}

type FeedbackState =
  | { kind: 'asking' }
  | { kind: 'sending' }
  | { kind: 'thanked'; helpful: boolean }
  | { kind: 'failed'; code: string };

function Feedback({ me, articleId }: { me: PortalMe; articleId: string }) {
  const { t } = useTranslation('portal');
  const questionId = useId();
  const [state, setState] = useState<FeedbackState>({ kind: 'asking' });
  const thanks = useRef<HTMLParagraphElement>(null);

  // The buttons go away once answered: the keyboard moves to the thank-you instead of the page's top.
  useEffect(() => {
    if (state.kind === 'thanked') thanks.current?.focus();
  }, [state.kind]);

  const answer = (helpful: boolean) => {
    setState({ kind: 'sending' });
    portalApi.sendFeedback(articleId, { helpful }).then(
      () => setState({ kind: 'thanked', helpful }),
      (error: unknown) => setState({ kind: 'failed', code: errorCode(error) }),
    );
  };

  return (
    <section className="portal-feedback" aria-labelledby={questionId}>
      <h2 id={questionId}>{t('kb.helpfulQuestion')}</h2>
      {state.kind !== 'thanked' && (
        <div className="portal-feedback-buttons">
          <button
            type="button"
            className="button button-quiet"
            disabled={state.kind === 'sending'}
            onClick={() => answer(true)}
          >
            {t('kb.yes')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            disabled={state.kind === 'sending'}
            onClick={() => answer(false)}
          >
            {t('kb.no')}
          </button>
        </div>
      )}
      {state.kind === 'failed' && <ErrorAlert code={state.code} />}
      <p ref={thanks} tabIndex={-1} role="status" className="portal-feedback-thanks">
        {state.kind === 'thanked' ? t('kb.thanks') : ''}
      </p>
      {state.kind === 'thanked' && !state.helpful && <StillNeedHelp me={me} />}
    </section>
  );
}
