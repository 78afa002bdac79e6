/**
 * Pan and zoom on a drawn flame graph at 60 fps: a scripted gesture of one wheel event per animation frame,
 * as a trackpad sends them (Ctrl+wheel zooms in at a point, a sideways wheel pans, Ctrl+wheel zooms out),
 * dispatched in the page where the flame graph is, the app's or speedscope's (both read the same events).
 * A frame's time is the gap between two animation frames: over 16.7 ms, a frame was missed.
 */
import type { Page } from 'playwright-core';

/** Frame times of one gesture, ms: percentiles over its frames, and how many missed 60 fps. */
export interface FrameTimes {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Frames longer than 16.7 ms (plus a 1 ms margin for timer jitter). */
  missed: number;
}

/** One wheel event per frame: `zoom` sets Ctrl; `at` is where along the width the pointer is (0–1). */
interface Step {
  dx: number;
  dy: number;
  zoom: boolean;
  at: number;
}

const GESTURE: Step[] = [
  ...Array.from({ length: 90 }, () => ({ dx: 0, dy: -25, zoom: true, at: 0.3 })),
  ...Array.from({ length: 60 }, () => ({ dx: 30, dy: 0, zoom: false, at: 0.5 })),
  ...Array.from({ length: 90 }, () => ({ dx: 0, dy: 25, zoom: true, at: 0.6 })),
];

/** Runs the gesture on whatever is drawn `yPx` below `selector`'s top; the frame gaps it took, ms. */
async function gestureGaps(page: Page, selector: string, yPx: number): Promise<number[]> {
  const script = `(async ({ selector, yPx, steps }) => {
    const target = document.querySelector(selector);
    if (!target) throw new Error('nothing at ' + selector);
    const box = target.getBoundingClientRect();
    const y = box.top + yPx;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    await frame();
    const times = [await frame()];
    for (const step of steps) {
      const x = box.left + box.width * step.at;
      const element = document.elementFromPoint(x, y) ?? target;
      element.dispatchEvent(new WheelEvent('wheel', {
        deltaX: step.dx, deltaY: step.dy, deltaMode: 0, ctrlKey: step.zoom, clientX: x, clientY: y,
        bubbles: true, cancelable: true, composed: true,
      }));
      times.push(await frame());
    }
    return times.slice(1).map((t, i) => t - times[i]);
  })`;
  const args = JSON.stringify({ selector, yPx, steps: GESTURE });
  return (await page.evaluate(`${script}(${args})`)) as number[];
}

/** The gesture's frame times on the flame graph drawn `yPx` below the top of `selector`. */
export async function panZoomFrames(page: Page, selector: string, yPx: number): Promise<FrameTimes> {
  const gaps = (await gestureGaps(page, selector, yPx)).sort((a, b) => a - b);
  const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? NaN;
  return {
    frames: gaps.length,
    p50: at(0.5),
    p95: at(0.95),
    max: gaps.at(-1) ?? NaN,
    missed: gaps.filter((gap) => gap > 1000 / 60 + 1).length,
  };
}

/** `p50 8.3 ms, p95 16.9 ms, max 33 ms, 3 of 240 frames missed`. */
export function formatFrames(times: FrameTimes): string {
  return (
    `p50 ${times.p50.toFixed(1)} ms, p95 ${times.p95.toFixed(1)} ms, max ${times.max.toFixed(0)} ms, ` +
    `${times.missed} of ${times.frames} frames over 16.7 ms`
  );
}
