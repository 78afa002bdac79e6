/** Wheel navigation for the flame graph's canvas: Ctrl/⌘+wheel zooms at the pointer, Shift+wheel or a sideways wheel pans. */
import { useEffect } from 'react';
import type { Dispatch, RefObject, SetStateAction } from 'react';
import { panBy, zoomAt } from '../view-models/flame-viewport';
import type { ValueRange } from '../view-models/flame-viewport';

/** Listens on `canvas` and moves the visible range within `extent` (the layout's total value). */
export function useWheelNavigation(
  canvas: RefObject<HTMLCanvasElement | null>,
  extent: number,
  setRange: Dispatch<SetStateAction<ValueRange>>,
): void {
  useEffect(() => {
    // Wheel zoom must cancel the page scroll, which React's passive wheel listener cannot.
    const element = canvas.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const bounds = element.getBoundingClientRect();
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        setRange((r) =>
          zoomAt(r, extent, Math.exp(event.deltaY * 0.002), (event.clientX - bounds.left) / bounds.width),
        );
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        const delta = event.shiftKey ? event.deltaY : event.deltaX;
        setRange((r) => panBy(r, extent, delta / bounds.width));
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [canvas, extent, setRange]);
}
