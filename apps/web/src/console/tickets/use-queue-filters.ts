import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { filtersToParams, type QueueFilters, readFilters } from './queue-query';

/** The queue's filters, read from and written to the URL, so that back, reload and links keep them. */
export function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const update = useCallback(
    (patch: Partial<QueueFilters>, { replace = false } = {}) => {
      // Any filter change starts again at the first page; only paging keeps it.
      const next = { ...filters, page: 1, ...patch };
      setParams(filtersToParams(next), { replace });
    },
    [filters, setParams],
  );
  return { filters, update };
}
