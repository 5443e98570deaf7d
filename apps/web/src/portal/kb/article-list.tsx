import type { KbArticleSummary } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { ServerHtml } from '../../ui/server-html';
import { languageName, localized, useLanguage } from '../common/localized';

type ArticleListProps = {
  articles: readonly KbArticleSummary[];
  /** Search results: the snippet around the matches, highlighted. Otherwise the article's opening lines. */
  showSnippet?: boolean;
};

/** Articles as rows: title (the link), category, the language when it is not the contact's, a snippet. */
export function ArticleList({ articles, showSnippet = true }: ArticleListProps) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const language = useLanguage();
  return (
    <ul className="portal-rows">
      {articles.map((article) => (
        <li
          key={article.id}
          className="portal-row"
          lang={article.language === language ? undefined : article.language}
        >
          <div className="portal-row-title">
            <Link to={`/kb/${article.id}`} className="portal-row-link">
              {article.title}
            </Link>
          </div>
          {showSnippet && article.snippet && (
            <ServerHtml as="p" html={article.snippet} className="portal-snippet" />
          )}
          <p className="portal-row-meta" lang={language}>
            {article.category && <span>{localized(article.category.name, language)}</span>}
            {article.language !== language && (
              <span className="portal-badge portal-badge-other">
                {t('kb.writtenIn', { language: languageName(article.language, language) })}
              </span>
            )}
            <span>{t('kb.updated', { date: format.date(article.updatedAt, { dateStyle: 'medium' }) })}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
