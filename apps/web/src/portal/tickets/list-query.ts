import type { TicketListQuery } from '../api';

export const PAGE_SIZE = 20;

/** `active` (the tickets still being worked on), `all`, or one status by name. */
export const ACTIVE = 'active';
export const ALL = 'all';

export type TicketFilters = {
  scope: 'mine' | 'company';
  status: string;
  q: string;
  page: number;
};

/**
 * The list's filters from the URL (so that back, forward and a shared link show the same list).
 * Anything unexpected falls back to the default; only primary contacts get the company scope.
 */
export function readFilters(params: URLSearchParams, isPrimary: boolean): TicketFilters {
  const page = Number(params.get('page'));
  return {
    scope: isPrimary && params.get('scope') === 'company' ? 'company' : 'mine',
    status: params.get('status')?.trim() || ALL,
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The URL's search part for these filters; defaults are left out. */
export function writeFilters(filters: TicketFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.scope === 'company') params.set('scope', 'company');
  if (filters.status !== ALL) params.set('status', filters.status);
  if (filters.q.trim()) params.set('q', filters.q);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** `activeStatuses`: the visible statuses not counted as finished (from `me.statuses`). */
export function toApiQuery(
  filters: TicketFilters,
  activeStatuses: string[],
  pageSize = PAGE_SIZE,
): TicketListQuery {
  const q = filters.q.trim();
  return {
    scope: filters.scope,
    status:
      filters.status === ALL
        ? undefined
        : filters.status === ACTIVE
          ? activeStatuses.join(',')
          : filters.status,
    ...(q ? { q } : {}),
    page: filters.page,
    pageSize,
  };
}
