import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** Touch-sized buttons (the portal, used on phones) or compact ones (the console's tables). */
  size?: 'small' | 'touch';
};

/** "Showing 21–40 of 123" with previous and next (only when there is more than one page); nothing for no results. */
export function Pagination({ page, pageSize, total, onPage, size = 'small' }: PaginationProps) {
  const { t } = useTranslation('shared');
  const format = useFormat();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const buttonClass = `button button-quiet${size === 'small' ? ' button-small' : ''}`;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <p className="muted">
        {t('pagination.range', {
          first: format.number(first),
          last: format.number(last),
          total: format.number(total),
        })}
      </p>
      {pages > 1 && (
        <div className="pagination-buttons">
          <button type="button" className={buttonClass} disabled={page <= 1} onClick={() => onPage(page - 1)}>
            {t('pagination.previous')}
          </button>
          <span>{t('pagination.page', { page: format.number(page), pages: format.number(pages) })}</span>
          <button
            type="button"
            className={buttonClass}
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
