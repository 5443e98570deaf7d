import type { PortalMe } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { Page } from '../../ui/page';
import { Pagination } from '../../ui/pagination';
import { portalApi } from '../api';
import { isId } from '../common/ids';
import { LoadState, Unavailable } from '../common/load-state';
import { localized, useLanguage } from '../common/localized';
import { SearchBox } from '../common/search-box';
import { ArticleList } from './article-list';
import { StillNeedHelp } from './still-need-help';

const PAGE_SIZE = 20;

/** Categories, search (in all five languages, best match first) and the article list. */
export function KbPage({ me }: { me: PortalMe }) {
  const { t } = useTranslation('portal');
  const format = useFormat();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const rawCategory = params.get('category') ?? '';
  const categoryId = isId(rawCategory) ? rawCategory : '';
  const rawPage = Number(params.get('page'));
  const page = Number.isInteger(rawPage) && rawPage > 1 ? rawPage : 1;

  const categories = useLoad('kb:categories', (signal) => portalApi.listCategories(signal));
  const query = { q: q.trim() || undefined, categoryId: categoryId || undefined, page, pageSize: PAGE_SIZE };
  const articles = useLoad(`kb:articles:${JSON.stringify(query)}`, (signal) =>
    portalApi.listArticles(query, signal),
  );

  const apply = (next: { q?: string; category?: string; page?: number }, replace = false) => {
    const merged = { q, category: categoryId, page: 1, ...next };
    const search = new URLSearchParams();
    if (merged.q.trim()) search.set('q', merged.q);
    if (merged.category) search.set('category', merged.category);
    if (merged.page > 1) search.set('page', String(merged.page));
    setParams(search, { replace });
  };
  const categoryLink = (id: string) => {
    const search = new URLSearchParams();
    if (q.trim()) search.set('q', q);
    if (id) search.set('category', id);
    const text = search.toString();
    return text ? `/kb?${text}` : '/kb';
  };

  const category = categories.data?.items.find((item) => item.id === categoryId);
  const isSearch = q.trim() !== '';
  const heading = isSearch
    ? t('kb.searchResults')
    : category
      ? localized(category.name, language)
      : t('kb.recentArticles');
  const items = articles.data?.items ?? [];
  // A 403 on either list says the same thing: show it once.
  const isForbidden = categories.error === 'forbidden' || articles.error === 'forbidden';

  return (
    <Page title={t('kb.title')}>
      {isForbidden ? (
        <Unavailable />
      ) : (
        <>
          <SearchBox
            label={t('common.search')}
            hint={t('kb.searchHint')}
            value={q}
            onSearch={(next) => apply({ q: next }, true)}
          />
          <div className="portal-kb-layout">
            <nav className="portal-categories" aria-label={t('kb.categories')}>
              <h2>{t('kb.categories')}</h2>
              <LoadState load={categories} />
              {categories.data && (
                <ul>
                  <li>
                    <Link to={categoryLink('')} aria-current={categoryId === '' ? 'true' : undefined}>
                      {t('kb.allCategories')}
                    </Link>
                  </li>
                  {categories.data.items.map((item) => (
                    <li key={item.id}>
                      <Link
                        to={categoryLink(item.id)}
                        aria-current={item.id === categoryId ? 'true' : undefined}
                      >
                        <span>{localized(item.name, language)}</span>{' '}
                        <span className="portal-count">
                          {t('kb.articleCount', {
                            count: item.articleCount,
                            formatted: format.number(item.articleCount),
                          })}
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </nav>
            <section className="portal-kb-results" aria-busy={articles.isLoading}>
              <h2>{heading}</h2>
              <LoadState load={articles} />
              {articles.data && isSearch && (
                <p className="muted" role="status">
                  {t('kb.resultCount', {
                    count: articles.data.total,
                    formatted: format.number(articles.data.total),
                  })}
                </p>
              )}
              {articles.data && items.length === 0 && !isSearch && (
                <p className="portal-empty">{t('kb.empty')}</p>
              )}
              {articles.data && items.length === 0 && isSearch && <StillNeedHelp me={me} />}
              {items.length > 0 && <ArticleList articles={items} />}
              {articles.data && (
                <Pagination
                  size="touch"
                  page={page}
                  pageSize={PAGE_SIZE}
                  total={articles.data.total}
                  onPage={(next) => apply({ page: next })}
                />
              )}
            </section>
          </div>
        </>
      )}
    </Page>
  );
}
