import type { KbArticleSummary } from '@atrium/shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { portalApi } from '../api';
import { useLanguage } from '../common/localized';

/** Typing pauses this long before a search: one request per thought, not per key. */
const DEBOUNCE_MS = 400;
/** Fewer letters find nearly everything; the suggestions would be noise. */
const MIN_CHARACTERS = 4;
const MAX_SUGGESTIONS = 3;

/**
 * Articles that may answer what the contact is typing as a new ticket's title, so they can help
 * themselves before they wait for an answer. They open in a new tab: the draft stays as it is.
 */
export function ArticleSuggestions({ text }: { text: string }) {
  const { t } = useTranslation('portal');
  const language = useLanguage();
  const headingId = useId();
  const [articles, setArticles] = useState<readonly KbArticleSummary[]>([]);
  const query = text.trim();

  useEffect(() => {
    if (query.length < MIN_CHARACTERS) {
      setArticles([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      portalApi.listArticles({ q: query, pageSize: MAX_SUGGESTIONS }, controller.signal).then(
        (page) => setArticles(page.items),
        // Suggestions are a courtesy: when they fail, the form is all there is, as before.
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  return (
    // The region stays in the page so that a screen reader hears the suggestions as they come.
    <div aria-live="polite">
      {articles.length > 0 && (
        <section className="portal-suggestions" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('newTicket.suggestions')}</h2>
          <p className="muted">{t('newTicket.suggestionsHint')}</p>
          <ul>
            {articles.map((article) => (
              <li key={article.id} lang={article.language === language ? undefined : article.language}>
                <Link to={`/kb/${article.id}`} target="_blank" rel="noopener">
                  {article.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
