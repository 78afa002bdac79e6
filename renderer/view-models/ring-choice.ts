/**
 * Ring recordings in the UI, as `record --ring` has them on the command line: the Attach view's "keep only
 * the last … minutes" choice turned into the `ringMs` a recording is started with, and the words the
 * header and the saved-ring notice use.
 */
import type { SavedRing } from '../../core/bridge/contract';
import type { RingInfo } from '../../core/session/records';
import { MIN_RING_SPAN_MS } from '../../core/session/recording-bounds';
import { formatDurationMs } from '../../core/units/duration';
import { formatBytes } from './format';

/** The choice as the user left it; off by default (a recording keeps everything). */
export interface RingChoice {
  on: boolean;
  /** Minutes to keep, as typed: a decimal number worth at least `MIN_RING_SPAN_MS`. */
  minutes: string;
}

export const DEFAULT_RING_CHOICE: RingChoice = { on: false, minutes: '10' };

/** The ring to ask for: `ringMs` null keeps everything; `error` is one line when the minutes will not do. */
export type RingRequest = { ringMs: number | null; error: null } | { ringMs: null; error: string };

const MS_PER_MINUTE = 60_000;

export function ringRequestOf(choice: RingChoice): RingRequest {
  if (!choice.on) return { ringMs: null, error: null };
  const text = choice.minutes.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return { ringMs: null, error: 'Type how many minutes to keep, e.g. 10' };
  const ringMs = Math.round(Number(text) * MS_PER_MINUTE);
  if (ringMs < MIN_RING_SPAN_MS) {
    // 10 s is a sixth of a minute: say the smallest number of minutes that is enough, rounded up.
    const least = Math.ceil((MIN_RING_SPAN_MS / MS_PER_MINUTE) * 100) / 100;
    return { ringMs: null, error: `Keep at least ${formatDurationMs(MIN_RING_SPAN_MS)} (${least} minutes)` };
  }
  return { ringMs, error: null };
}

/** What the header shows of a running ring recording. */
export interface RingControlsView {
  /** Beside the recording's status: `last 10 min kept`. */
  status: string;
  /** The save button: `Save last 10 min`. */
  saveLabel: string;
  /** Its tooltip: what a save does. */
  saveTitle: string;
  /** The Record button's tooltip before a ring recording starts. */
  recordTitle: string;
}

export function ringControlsOf(ringMs: number): RingControlsView {
  const span = formatDurationMs(ringMs);
  return {
    status: `last ${span} kept`,
    saveLabel: `Save last ${span}`,
    saveTitle: `Writes what the ring holds now (at most the last ${span}) to a new session file; the recording goes on. Stop writes it too.`,
    recordTitle: `Keeps only the last ${span} (the Attach view's choice)`,
  };
}

/** The notice after a save: `Saved the last 3.2 s (48 KiB) to` (the path follows it). */
export function ringSavedLine(saved: SavedRing): string {
  return `Saved the last ${formatDurationMs(saved.keptMs)} (${formatBytes(saved.bytes)}) to`;
}

/** A ring session's span, for the Sessions view: `the last 10 min of a recording begun` (its start follows). */
export function ringKeptLine(ring: RingInfo): string {
  return `the last ${formatDurationMs(ring.spanMs)} of a recording begun`;
}
