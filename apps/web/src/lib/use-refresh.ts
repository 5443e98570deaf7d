import { useEffect, useRef, useState } from 'react';
import type { Load } from './use-load';

/** Whether this tab is shown (not in the background, not minimized). */
export function usePageVisible(): boolean {
  const [isVisible, setIsVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setIsVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return isVisible;
}

/**
 * Loads again every `intervalMs` while the tab is visible: the next load is planned only once the
 * last one has answered, so a slow server never gets requests stacked up. Coming back to the tab
 * loads at once.
 */
export function useRefresh(
  load: Pick<Load<unknown>, 'isLoading' | 'reload'>,
  intervalMs: number,
  isEnabled = true,
) {
  const isVisible = usePageVisible();
  const { isLoading, reload } = load;
  const isActive = isEnabled && isVisible;

  useEffect(() => {
    if (!isActive || isLoading) return;
    const timer = setTimeout(reload, intervalMs);
    return () => clearTimeout(timer);
  }, [isActive, isLoading, reload, intervalMs]);

  const wasHidden = useRef(false);
  useEffect(() => {
    if (!isVisible) {
      wasHidden.current = true;
      return;
    }
    if (wasHidden.current && isEnabled) reload();
    wasHidden.current = false;
  }, [isVisible, isEnabled, reload]);
}
