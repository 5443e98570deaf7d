import { PageQuerySchema } from '@atrium/shared';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The page number in the URL, as the API reads it (1 when absent or not valid). */
export function pageParam(params: URLSearchParams): number {
  const parsed = PageQuerySchema.shape.page.safeParse(params.get('page') ?? undefined);
  return parsed.success ? parsed.data : 1;
}

/** A filter from the URL, kept only if the API's own query schema accepts it ('' otherwise). */
export function validParam(
  schema: { safeParse: (value: unknown) => { success: boolean } },
  value: string | null,
) {
  return value !== null && value !== '' && schema.safeParse(value).success ? value : '';
}

/**
 * List pages keep their search, filters and page in the URL. Setting anything but the page starts
 * again at page one; an empty value removes the parameter.
 */
export function useListParams() {
  const [, setParams] = useSearchParams();
  const set = useCallback(
    (patch: Record<string, string>, { replace = false } = {}) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (!('page' in patch)) next.delete('page');
          for (const [key, value] of Object.entries(patch)) {
            if (value === '' || (key === 'page' && value === '1')) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );
  return { set };
}
