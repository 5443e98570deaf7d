import { useCallback, useEffect, useRef, useState } from 'react';
import { errorCode } from './api';
import type { Cached } from './cache';

export type Load<T> = {
  /** The last value loaded; kept while a new one loads, so lists do not flash empty on a filter change. */
  data: T | undefined;
  /** Whether `data` was loaded for the current key (a page about one thing must not show another's). */
  isCurrent: boolean;
  isLoading: boolean;
  /** The error code of the last attempt, if it failed. */
  error: string | null;
  reload: () => void;
  /** Replaces the value after a change the page made itself (the API answered with the new state). */
  setData: (update: T | ((previous: T | undefined) => T)) => void;
};

type State<T> = { data: T | undefined; dataKey: string | null; isLoading: boolean; error: string | null };

/**
 * Loads data for a page, and again whenever `key` changes (the URL's filters, an id). An answer that
 * arrives after the key changed again is dropped. With `skip`, nothing is loaded (a feature is off).
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>, skip = false): Load<T> {
  const [state, setState] = useState<State<T>>({
    data: undefined,
    dataKey: null,
    isLoading: !skip,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and attempt trigger a load; the loader is read from a ref
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, isLoading: true, error: null }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, dataKey: key, isLoading: false, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((previous) => ({ ...previous, isLoading: false, error: errorCode(error) }));
        }
      },
    );
    return () => controller.abort();
  }, [key, attempt, skip]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((update: T | ((previous: T | undefined) => T)) => {
    setState((previous) => ({
      ...previous,
      data: typeof update === 'function' ? (update as (previous: T | undefined) => T)(previous.data) : update,
    }));
  }, []);

  const { dataKey, ...rest } = state;
  return { ...rest, isCurrent: dataKey === key, reload, setData };
}

/** A value that follows `value` once it has stopped changing for `delay` ms (search boxes). */
export function useDebounced<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** Reference data from a shared cache, loaded again when an admin changes it. */
export function useCached<T>(resource: Cached<T>): Load<T> {
  const [version, setVersion] = useState(0);
  useEffect(() => resource.subscribe(() => setVersion((n) => n + 1)), [resource]);
  return useLoad(String(version), () => resource.get());
}
