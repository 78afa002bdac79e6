/**
 * The part of a tall flame graph its scrolling box shows. The canvas is only as tall as that box and
 * stays in view (sticky) while the rows under it scroll: a deep profile's flame graph is 4,000 px tall
 * or more, and drawing, rasterising and compositing a canvas that size at every frame of a pan or zoom
 * cost more than the 16.7 ms of a frame at 60 fps.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export interface VisibleRows {
  /** A ref callback for the scrolling box (it also gets `sizeRef`, e.g. to follow its width). */
  boxRef: (element: HTMLDivElement | null) => (() => void) | undefined;
  /** The box's scroll handler. */
  onScroll(): void;
  /** How far the box is scrolled, px: the flame graph's y at the canvas's top edge. */
  topPx: number;
  /** The canvas's height, px: the box's visible height, at most `contentPx`; 0 until laid out. */
  heightPx: number;
}

/**
 * `contentPx`: the flame graph's full height. `sizeRef`: another ref callback for the same box (the
 * width hook's), which may return a cleanup.
 */
export function useVisibleRows(
  contentPx: number,
  sizeRef: (element: HTMLDivElement | null) => (() => void) | void,
): VisibleRows {
  const box = useRef<HTMLDivElement | null>(null);
  const [view, setView] = useState({ topPx: 0, heightPx: 0 });
  const measure = useCallback(() => {
    const element = box.current;
    if (!element) return;
    const next = { topPx: element.scrollTop, heightPx: Math.min(contentPx, element.clientHeight) };
    setView((last) => (last.topPx === next.topPx && last.heightPx === next.heightPx ? last : next));
  }, [contentPx]);
  const boxRef = useCallback(
    (element: HTMLDivElement | null) => {
      box.current = element;
      return sizeRef(element) ?? undefined;
    },
    [sizeRef],
  );
  // Before paint: the first frame already has a canvas of the right height.
  useLayoutEffect(measure, [measure]);
  useLayoutEffect(() => {
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);
  return { boxRef, onScroll: measure, topPx: view.topPx, heightPx: view.heightPx };
}
