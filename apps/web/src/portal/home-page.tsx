import type { PortalMe } from '@atrium/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useLoad } from '../lib/use-load';
import { Page } from '../ui/page';
import { portalApi } from './api';
import { LoadState } from './common/load-state';
import { SearchBox } from './common/search-box';
import { ArticleList } from './kb/article-list';
import { StillNeedHelp } from './kb/still-need-help';
import { TicketList } from './tickets/ticket-list';

/** How many tickets and articles the home page lists, recent ones or search results. */
const HOME_LIST_SIZE = 5;

type HomePageProps = { me: PortalMe };

export function HomePage({ me }: HomePageProps) {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const ids = {
    results: useId(),
    tickets: useId(),
    articles: useId(),
    recentTickets: useId(),
    recentArticles: useId(),
  };
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const isSearching = q !== '';
  const hasTickets = me.features.ticketing;
  const hasArticles = me.features.knowledgeBase;
  // Primary contacts search their whole company's tickets: a colleague may have asked already.
  const searchScope = me.contact.isPrimary ? 'company' : 'mine';

  const recentTickets = useLoad(
    'home:tickets',
    (signal) => portalApi.listTickets({ scope: 'mine', page: 1, pageSize: HOME_LIST_SIZE }, signal),
    !hasTickets || isSearching,
  );
  const recentArticles = useLoad(
    'home:articles',
    (signal) => portalApi.listArticles({ sort: 'popular', page: 1, pageSize: HOME_LIST_SIZE }, signal),
    !hasArticles || isSearching,
  );
  const ticketHits = useLoad(
    `home:ticket-hits:${q}`,
    (signal) => portalApi.listTickets({ scope: searchScope, q, page: 1, pageSize: HOME_LIST_SIZE }, signal),
    !hasTickets || !isSearching,
  );
  const articleHits = useLoad(
    `home:article-hits:${q}`,
    (signal) => portalApi.listArticles({ q, page: 1, pageSize: HOME_LIST_SIZE }, signal),
    !hasArticles || !isSearching,
  );

  const search = (next: string) => setParams(next.trim() ? { q: next } : {}, { replace: true });
  const searchHint =
    hasTickets && hasArticles
      ? t('home.searchHintBoth')
      : hasTickets
        ? t('home.searchHintTickets')
        : t('home.searchHintArticles');
  const ticketsLink = `/tickets?${new URLSearchParams({ ...(searchScope === 'company' ? { scope: 'company' } : {}), q })}`;

  return (
    <Page title={t('header.greeting', { firstName: me.contact.firstName })}>
      <p className="lead">{t('home.intro')}</p>
      {((hasTickets && me.features.newTicket) || me.features.aiAssistant) && (
        <p className="portal-page-actions">
          {hasTickets && me.features.newTicket && (
            <button type="button" className="button" onClick={() => navigate('/tickets/new')}>
              {t('tickets.newTicket')}
            </button>
          )}
          {me.features.aiAssistant && (
            <Link className="button button-quiet" to="/assistant">
              {t('home.chat')}
            </Link>
          )}
        </p>
      )}
      {(hasTickets || hasArticles) && (
        <SearchBox label={t('common.search')} hint={searchHint} value={q} onSearch={search} />
      )}

      {isSearching ? (
        <section className="portal-home-results">
          <h2 id={ids.results}>{t('home.searchResults')}</h2>
          <div className="portal-home-grid">
            {hasTickets && (
              <section
                className="portal-panel"
                aria-labelledby={ids.tickets}
                aria-busy={ticketHits.isLoading}
              >
                <h3 id={ids.tickets}>{t('home.ticketResults')}</h3>
                <LoadState load={ticketHits} />
                {ticketHits.data && ticketHits.data.items.length === 0 && (
                  <p className="portal-empty">{t('home.noTicketResults')}</p>
                )}
                {ticketHits.data && ticketHits.data.items.length > 0 && (
                  <>
                    <TicketList tickets={ticketHits.data.items} showRequester={searchScope === 'company'} />
                    <p className="portal-more">
                      <Link to={ticketsLink} aria-describedby={ids.tickets}>
                        {t('home.allResults')}
                      </Link>
                    </p>
                  </>
                )}
              </section>
            )}
            {hasArticles && (
              <section
                className="portal-panel"
                aria-labelledby={ids.articles}
                aria-busy={articleHits.isLoading}
              >
                <h3 id={ids.articles}>{t('home.articleResults')}</h3>
                <LoadState load={articleHits} />
                {articleHits.data && articleHits.data.items.length === 0 && (
                  <>
                    <p className="portal-empty">{t('home.noArticleResults')}</p>
                    <StillNeedHelp me={me} />
                  </>
                )}
                {articleHits.data && articleHits.data.items.length > 0 && (
                  <>
                    <ArticleList articles={articleHits.data.items} />
                    <p className="portal-more">
                      <Link to={`/kb?${new URLSearchParams({ q })}`} aria-describedby={ids.articles}>
                        {t('home.allResults')}
                      </Link>
                    </p>
                  </>
                )}
              </section>
            )}
          </div>
        </section>
      ) : (
        <div className="portal-home-grid">
          {hasTickets && (
            <section className="portal-panel" aria-labelledby={ids.recentTickets}>
              <h2 id={ids.recentTickets}>{t('home.recentTickets')}</h2>
              <LoadState load={recentTickets} />
              {recentTickets.data && recentTickets.data.items.length === 0 && (
                <p className="portal-empty">{t('home.noTickets')}</p>
              )}
              {recentTickets.data && recentTickets.data.items.length > 0 && (
                <TicketList tickets={recentTickets.data.items} />
              )}
              {/* Named "Show all" (its heading says of what): the menu's link alone is called "Tickets". */}
              <p className="portal-more">
                <Link to="/tickets" aria-describedby={ids.recentTickets}>
                  {t('home.showAll')}
                </Link>
              </p>
            </section>
          )}
          {hasArticles && (
            <section className="portal-panel" aria-labelledby={ids.recentArticles}>
              <h2 id={ids.recentArticles}>{t('home.popularArticles')}</h2>
              <LoadState load={recentArticles} />
              {recentArticles.data && recentArticles.data.items.length === 0 && (
                <p className="portal-empty">{t('home.noArticles')}</p>
              )}
              {recentArticles.data && recentArticles.data.items.length > 0 && (
                <ArticleList articles={recentArticles.data.items} showSnippet={false} />
              )}
              <p className="portal-more">
                <Link to="/kb" aria-describedby={ids.recentArticles}>
                  {t('home.showAll')}
                </Link>
              </p>
            </section>
          )}
        </div>
      )}
    </Page>
  );
}
