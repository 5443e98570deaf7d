import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * Moves focus to the element (give it tabIndex={-1}) when it appears and after each client-side
 * navigation, so keyboard and screen-reader users start at the new content instead of staying on
 * the link they followed. Routes that render the same component keep it mounted, hence the path.
 */
export function useFocusOnNavigation<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const focusedFor = useRef<string | null>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    if (focusedFor.current === pathname) return;
    focusedFor.current = pathname;
    ref.current?.focus({ preventScroll: true });
  }, [pathname]);
  return ref;
}
