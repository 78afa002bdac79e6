/** Small DOM hooks: the OS colour scheme, and an element's width as it resizes. */
import { useCallback, useState, useSyncExternalStore } from 'react';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** True while the OS asks for a dark theme. */
export function useDarkMode(): boolean {
  // Stable functions: a new `subscribe` per render would subscribe again on every render (a flame
  // graph renders at every frame of a pan or zoom).
  return useSyncExternalStore(subscribeDark, isDark);
}

let darkQuery: MediaQueryList | null = null;
const darkList = (): MediaQueryList => (darkQuery ??= window.matchMedia(DARK_QUERY));

function subscribeDark(notify: () => void): () => void {
  const query = darkList();
  query.addEventListener('change', notify);
  return () => query.removeEventListener('change', notify);
}

function isDark(): boolean {
  return darkList().matches;
}

/** A ref callback for an element and its current content width, px. */
export function useElementWidth<T extends HTMLElement>(): [(element: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: T | null) => {
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
