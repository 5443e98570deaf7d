import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
};

/** "Showing 21–40 of 123" with previous and next; the buttons only when there is more than one page. */
export function Pagination({ page, pageSize, total, onPage }: PaginationProps) {
  const { t } = useTranslation('shared');
  const format = useFormat();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="portal-pagination" aria-label={t('pagination.label')}>
      <p className="muted">
        {t('pagination.range', {
          first: format.number(first),
          last: format.number(last),
          total: format.number(total),
        })}
      </p>
      {pages > 1 && (
        <div className="portal-pagination-buttons">
          <button
            type="button"
            className="button button-quiet"
            disabled={page <= 1}
            onClick={() => onPage(page - 1)}
          >
            {t('pagination.previous')}
          </button>
          <span>{t('pagination.page', { page: format.number(page), pages: format.number(pages) })}</span>
          <button
            type="button"
            className="button button-quiet"
            disabled={page >= pages}
            onClick={() => onPage(page + 1)}
          >
            {t('pagination.next')}
          </button>
        </div>
      )}
    </nav>
  );
}
