import {
  KbArticleListQuerySchema,
  type KbArticleSummary,
  LANGUAGES,
  PAGE_SIZE_DEFAULT,
} from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { LANGUAGE_NAMES } from '../../i18n/languages';
import { useCached, useLoad } from '../../lib/use-load';
import { SelectField } from '../../ui/field';
import { FilterBar } from '../../ui/filter-bar';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { SearchInput } from '../../ui/search-input';
import { ServerHtml } from '../../ui/server-html';
import { pageParam, useListParams, validParam } from '../list-params';
import { categoriesCache, kbApi } from './api';

const shape = KbArticleListQuerySchema.shape;

export function ArticlesPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const { set } = useListParams();
  const categories = useCached(categoriesCache);
  const filters = {
    q: params.get('q') ?? '',
    language: validParam(shape.language, params.get('language')),
    categoryId: validParam(shape.categoryId, params.get('categoryId')),
    status: validParam(shape.status, params.get('status')),
    shared: validParam(shape.shared, params.get('shared')),
  };
  const page = pageParam(params);
  const articles = useLoad(`${JSON.stringify(filters)}|${page}`, (signal) =>
    kbApi.articles({ ...filters, page, pageSize: PAGE_SIZE_DEFAULT }, signal),
  );
  const any = t('kb.any');

  return (
    <Page
      title={t('kb.title')}
      actions={
        <>
          <Link to="/kb/categories" className="button button-quiet">
            {t('kb.categories')}
          </Link>
          <Link to="/kb/new" className="button">
            {t('kb.new')}
          </Link>
        </>
      }
    >
      <FilterBar label={t('kb.filters')}>
        <SearchInput
          label={t('kb.search')}
          hint={t('kb.searchHint')}
          value={filters.q}
          onSearch={(q) => set({ q }, { replace: true })}
          slashShortcut
          className="filter-grow"
        />
        <SelectField
          label={t('kb.language')}
          value={filters.language}
          onChange={(event) => set({ language: event.target.value })}
          options={[
            { value: '', label: any },
            ...LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] })),
          ]}
        />
        <SelectField
          label={t('kb.category')}
          value={filters.categoryId}
          onChange={(event) => set({ categoryId: event.target.value })}
          options={[
            { value: '', label: any },
            ...(categories.data ?? []).map((category) => ({ value: category.id, label: category.name.en })),
          ]}
        />
        <SelectField
          label={t('kb.status')}
          value={filters.status}
          onChange={(event) => set({ status: event.target.value })}
          options={[
            { value: '', label: any },
            { value: 'published', label: t('kb.statuses.published') },
            { value: 'draft', label: t('kb.statuses.draft') },
          ]}
        />
        <SelectField
          label={t('kb.audience')}
          value={filters.shared}
          onChange={(event) => set({ shared: event.target.value })}
          options={[
            { value: '', label: any },
            { value: 'true', label: t('kb.shared') },
            { value: 'false', label: t('kb.internal') },
          ]}
        />
      </FilterBar>
      <LoadState load={articles} />
      {articles.data &&
        (articles.data.items.length === 0 ? (
          <p className="empty">{t('kb.noMatch')}</p>
        ) : (
          <>
            <ul
              className={`results ${articles.isLoading ? 'is-stale' : ''}`.trim()}
              aria-label={t('kb.results')}
            >
              {articles.data.items.map((article) => (
                <ArticleResult key={article.id} article={article} showSnippet={filters.q !== ''} />
              ))}
            </ul>
            <Pagination
              page={page}
              pageSize={PAGE_SIZE_DEFAULT}
              total={articles.data.total}
              onPage={(next) => set({ page: String(next) })}
            />
          </>
        ))}
    </Page>
  );
}

function ArticleResult({ article, showSnippet }: { article: KbArticleSummary; showSnippet: boolean }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  return (
    <li className="result">
      <h2 className="result-title">
        <Link to={`/kb/${article.id}`}>{article.title}</Link>
      </h2>
      <p className="result-meta">
        <span className="badge" lang={article.language}>
          {LANGUAGE_NAMES[article.language]}
        </span>
        <span className={`badge ${article.status === 'draft' ? 'badge-draft' : 'badge-published'}`}>
          {t(`kb.statuses.${article.status}`)}
        </span>
        <span className="badge">{article.shared ? t('kb.shared') : t('kb.internal')}</span>
        {article.category && <span>{article.category.name.en}</span>}
        <span className="muted">{t('kb.updated', { date: format.date(article.updatedAt) })}</span>
      </p>
      {showSnippet && article.snippet && <ServerHtml as="p" className="snippet" html={article.snippet} />}
    </li>
  );
}
