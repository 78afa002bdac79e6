/**
 * Allocation figures per site (a function at its place, wherever it was called from) over a session's
 * allocation windows: bytes and samples, the heaviest call stack, the size histogram, and bytes/s per
 * window — once from the "allocated" windows and once from the "still alive" ones.
 */
import type { Frame } from '../frame';
import { allocHistograms, BUCKET_LABELS } from '../profile/alloc-histogram';
import { plainFrame, stackOf } from '../profile/allocated-retained';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import { exactAboveBytes } from '../profile/sample-size';
import type { SessionProfiles, WindowedProfile } from '../profile/session-profiles';
import { functionTotals, grandTotal } from '../profile/totals';
import type { TimedValue } from './analysis';

/** One site's figures in one kind of window (allocated, or still alive). */
export interface SideStats {
  /** Bytes sampled at the site (V8's scaled sizes). */
  bytes: number;
  /** `bytes` over the time the windows of this kind cover. */
  bytesPerSecond: number;
  /** `bytes` ÷ all bytes sampled in these windows (0 without any). */
  share: number;
  samples: number;
  /** The call stack that put the most bytes here, innermost first; empty without any. */
  stack: Frame[];
  /** Size buckets with bytes, smallest first (labels of `BUCKET_LABELS`). */
  histogram: { label: string; bytes: number; samples: number }[];
  /** bytes/s in each window, `t` = the window's end in ms since the session's start. */
  rateSeries: TimedValue[];
}

export interface SiteStats {
  frame: Frame;
  /** Object sizes up to this many bytes are estimates (V8 scales small samples); 0 when unknown. */
  sizesEstimatedUpToBytes: number;
  allocated: SideStats;
  alive: SideStats;
}

/** Every site with bytes in either kind of window. `sessionStart` is ms since the epoch. */
export function siteStatsOf(profiles: SessionProfiles, sessionStart: number): SiteStats[] {
  const allocated = sideStats(profiles.allocated, sessionStart);
  const alive = sideStats(profiles.alive, sessionStart);
  const keys = new Set([...allocated.keys(), ...alive.keys()]);
  const interval = (profiles.allocated ?? profiles.alive)?.samplingInterval;
  const estimatedUpTo = interval ? exactAboveBytes(interval) : 0;
  return [...keys].map((key) => {
    const a = allocated.get(key);
    const b = alive.get(key);
    return {
      frame: (a ?? b)!.frame,
      sizesEstimatedUpToBytes: estimatedUpTo,
      allocated: a?.stats ?? emptySide(),
      alive: b?.stats ?? emptySide(),
    };
  });
}

/** A frame's identity across windows and merged models: name and place. */
export function siteKey(frame: Frame): string {
  return `${frame.functionName}\0${frame.url}\0${frame.line}\0${frame.column}`;
}

function sideStats(
  profile: WindowedProfile | null,
  sessionStart: number,
): Map<string, { frame: Frame; stats: SideStats }> {
  const result = new Map<string, { frame: Frame; stats: SideStats; stackBytes: number }>();
  if (!profile) return result;
  const model = profile.merged;
  const space = Math.max(0, valueIndexOf(model, 'space'));
  const total = grandTotal(model, space);
  const seconds = profile.coveredMs / 1000;
  const bytes = functionTotals(model, space).self;
  const samples = functionTotals(model, Math.max(0, valueIndexOf(model, 'samples'))).self;
  const histograms = allocHistograms(model).byFunction;
  const heaviest = heaviestNodes(model, space);
  model.frames.forEach((frame, f) => {
    if (bytes[f]! <= 0) return;
    const key = siteKey(frame);
    let entry = result.get(key);
    if (!entry) {
      entry = { frame: plainFrame(frame), stats: emptySide(), stackBytes: 0 };
      entry.stats.histogram = BUCKET_LABELS.map((label) => ({ label, bytes: 0, samples: 0 }));
      result.set(key, entry);
    }
    const stats = entry.stats;
    stats.bytes += bytes[f]!;
    stats.samples += samples[f]!;
    const node = heaviest.get(f);
    if (node && node.bytes > entry.stackBytes) {
      entry.stackBytes = node.bytes;
      stats.stack = stackOf(model, node.index).filter(
        (frame) => frame.url !== '' || !/^(\(root\))?$/.test(frame.functionName),
      );
    }
    const histogram = histograms.get(f);
    histogram?.bytes.forEach((b, k) => {
      stats.histogram[k]!.bytes += b;
      stats.histogram[k]!.samples += histogram.samples[k]!;
    });
  });
  const windows = profile.windows.map(({ startTime, endTime, model: window }) => ({
    t: endTime - sessionStart,
    seconds: (endTime - startTime) / 1000,
    bytes: bytesBySite(window),
  }));
  for (const [key, { stats }] of result) {
    stats.bytesPerSecond = seconds > 0 ? stats.bytes / seconds : 0;
    stats.share = total > 0 ? stats.bytes / total : 0;
    stats.histogram = stats.histogram.filter((bucket) => bucket.samples > 0);
    stats.rateSeries = windows.map(({ t, seconds: s, bytes: b }) => ({
      t,
      v: s > 0 ? (b.get(key) ?? 0) / s : 0,
    }));
  }
  return result;
}

/** Self bytes per site key. */
function bytesBySite(model: ProfileModel): Map<string, number> {
  const self = functionTotals(model, Math.max(0, valueIndexOf(model, 'space'))).self;
  const bytes = new Map<string, number>();
  model.frames.forEach((frame, f) => {
    if (self[f]! > 0) bytes.set(siteKey(frame), (bytes.get(siteKey(frame)) ?? 0) + self[f]!);
  });
  return bytes;
}

/** Per frame index, the node of that frame with the most self bytes. */
function heaviestNodes(model: ProfileModel, space: number): Map<number, { index: number; bytes: number }> {
  const heaviest = new Map<number, { index: number; bytes: number }>();
  const self = model.nodes.self[space]!;
  for (let i = 0; i < model.nodes.count; i++) {
    const f = model.nodes.frame[i]!;
    if (self[i]! > (heaviest.get(f)?.bytes ?? 0)) heaviest.set(f, { index: i, bytes: self[i]! });
  }
  return heaviest;
}

function emptySide(): SideStats {
  return {
    bytes: 0,
    bytesPerSecond: 0,
    share: 0,
    samples: 0,
    stack: [],
    histogram: [],
    rateSeries: [],
  };
}
