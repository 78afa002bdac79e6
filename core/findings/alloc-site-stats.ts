/**
 * Allocation figures per site (a function at its place, wherever it was called from) over a session's
 * allocation windows: bytes and samples, the heaviest call stack, the size histogram, and bytes/s per
 * window — once from the "allocated" windows and once from the "still alive" ones.
 */
import type { Frame } from '../frame';
import { plainFrame } from '../profile/allocated-retained';
import { valueIndexOf } from '../profile/profile-model';
import { exactAboveBytes } from '../profile/sample-size';
import type { SessionProfiles, WindowedProfile } from '../profile/session-profiles';
import { functionTotals, grandTotal } from '../profile/totals';
import type { TimedValue } from './analysis';
import { addDetail } from './alloc-site-detail';

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

/**
 * Sites whose stack, histogram and rate series are worked out (per kind of window, the heaviest): a profile
 * can name a quarter of a million functions, and only the top of them is ever shown or judged.
 */
const DETAILED_SITES = 32;

/**
 * Every site with bytes in either kind of window; `stack`, `histogram` and `rateSeries` are filled for the
 * {@link DETAILED_SITES} heaviest of each kind (on both sides), empty for the rest. `sessionStart` is ms
 * since the epoch. The same `profiles` and `sessionStart` give the same (shared, not to be changed) array.
 */
export function siteStatsOf(profiles: SessionProfiles, sessionStart: number): SiteStats[] {
  // The report's allocation tables and the alloc-hotspot finding both ask, with the same profiles: work
  // the figures out once per profiles and session start. Callers only read them.
  let byStart = computed.get(profiles);
  if (!byStart) computed.set(profiles, (byStart = new Map()));
  let sites = byStart.get(sessionStart);
  if (!sites) byStart.set(sessionStart, (sites = computeSiteStats(profiles, sessionStart)));
  return sites;
}

const computed = new WeakMap<SessionProfiles, Map<number, SiteStats[]>>();

function computeSiteStats(profiles: SessionProfiles, sessionStart: number): SiteStats[] {
  const allocated = sideTotals(profiles.allocated);
  const alive = sideTotals(profiles.alive);
  const detailed = new Set([...heaviestKeys(allocated), ...heaviestKeys(alive)]);
  addDetail(allocated, profiles.allocated, detailed, sessionStart);
  addDetail(alive, profiles.alive, detailed, sessionStart);
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

/** One kind of window's sites by key. */
export type Side = Map<string, { frame: Frame; stats: SideStats }>;

/** Bytes, samples, rate and share of every site of one kind of window. */
function sideTotals(profile: WindowedProfile | null): Side {
  const result: Side = new Map();
  if (!profile) return result;
  const model = profile.merged;
  const space = Math.max(0, valueIndexOf(model, 'space'));
  const total = grandTotal(model, space);
  const seconds = profile.coveredMs / 1000;
  const bytes = functionTotals(model, space).self;
  const samples = functionTotals(model, Math.max(0, valueIndexOf(model, 'samples'))).self;
  model.frames.forEach((frame, f) => {
    if (bytes[f]! <= 0) return;
    const key = siteKey(frame);
    let entry = result.get(key);
    if (!entry) result.set(key, (entry = { frame: plainFrame(frame), stats: emptySide() }));
    entry.stats.bytes += bytes[f]!;
    entry.stats.samples += samples[f]!;
  });
  for (const { stats } of result.values()) {
    stats.bytesPerSecond = seconds > 0 ? stats.bytes / seconds : 0;
    stats.share = total > 0 ? stats.bytes / total : 0;
  }
  return result;
}

/** The keys of the {@link DETAILED_SITES} sites with the most bytes. */
function heaviestKeys(side: Side): string[] {
  return [...side]
    .sort(([, a], [, b]) => b.stats.bytes - a.stats.bytes)
    .slice(0, DETAILED_SITES)
    .map(([key]) => key);
}

/** A site's figures before any bytes are counted. */
export function emptySide(): SideStats {
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
