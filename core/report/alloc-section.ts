/**
 * The report's allocation tables: functions by allocated and by still-alive bytes (`pprof -top` style),
 * each with the same function's figures from the other kind of window, and the process-wide size histogram.
 * Hyperscope's agent is no row: its bytes are said apart (`hyperscope`), the tables' 100% the service's.
 */
import { siteKey, siteStatsOf, type SiteStats } from '../findings/alloc-site-stats';
import { serviceOnly } from '../profile/agent-cost';
import { allocRateSeries } from '../profile/alloc-rate-series';
import { allocHistograms, BUCKET_LABELS, BUCKET_UPPER_BYTES } from '../profile/alloc-histogram';
import { valueIndexOf } from '../profile/profile-model';
import { exactAboveBytes } from '../profile/sample-size';
import { allocCostOfParts } from './hyperscope-cost';
import type { SessionProfiles, WindowedProfile } from '../profile/session-profiles';
import { topFunctions, topWithOwnValue } from '../profile/top';
import { grandTotal } from '../profile/totals';
import type { AllocationsReport, AllocTopLine, AllocWindowsTotal, SizeBucket } from './report';
import { topLineOf } from './top-line';

/** `rows` functions per table; null without allocation windows. `sessionStart` is ms since the epoch. */
export function allocationsSection(
  profiles: SessionProfiles,
  rows: number,
  sessionStart: number,
): AllocationsReport | null {
  const { allocated, alive } = profiles;
  const any = allocated ?? alive;
  if (!any) return null;
  const sites = new Map(siteStatsOf(profiles, sessionStart).map((site) => [siteKey(site.frame), site]));
  const line = topLines(sites, profiles);
  return {
    samplingIntervalBytes: any.samplingInterval,
    sizesEstimatedUpToBytes: exactAboveBytes(any.samplingInterval),
    allocated: totalOf(allocated, sessionStart),
    alive: totalOf(alive, sessionStart),
    histogram: histogramOf(any),
    // Callers with nothing of their own stay in `top`, ranked by cum as pprof does; a still-alive table
    // ranks what functions kept, and a caller that kept 0 B has nothing to say there.
    top: allocated ? line(allocated, rows, topFunctions) : [],
    topAlive: alive ? line(alive, rows, topWithOwnValue) : [],
    hyperscope: allocated ? allocCostOfParts([allocated]) : null,
  };
}

function totalOf(profile: WindowedProfile | null, sessionStart: number): AllocWindowsTotal | null {
  if (!profile) return null;
  const bytes = grandTotal(profile.merged, Math.max(0, valueIndexOf(profile.merged, 'space')));
  const seconds = profile.coveredMs / 1000;
  return {
    windows: profile.windows.length,
    coveredMs: profile.coveredMs,
    bytes,
    bytesPerSecond: seconds > 0 ? bytes / seconds : 0,
    series: allocRateSeries(profile, sessionStart),
  };
}

function histogramOf(profile: WindowedProfile): SizeBucket[] {
  const { process } = allocHistograms(profile.merged);
  return BUCKET_LABELS.map((label, k) => ({
    label,
    upToBytes: BUCKET_UPPER_BYTES[k] ?? null,
    samples: process.samples[k]!,
    bytes: process.bytes[k]!,
    objects: process.objects[k]!,
  }));
}

function topLines(sites: Map<string, SiteStats>, profiles: SessionProfiles) {
  return (profile: WindowedProfile, rows: number, top: typeof topFunctions): AllocTopLine[] =>
    top(serviceOnly(profile.merged), Math.max(0, valueIndexOf(profile.merged, 'space')), rows).map((row) => {
      const site = sites.get(siteKey(row.frame));
      return {
        ...topLineOf(row),
        allocatedBytes: profiles.allocated ? (site?.allocated.bytes ?? 0) : null,
        allocatedBytesPerSecond: profiles.allocated ? (site?.allocated.bytesPerSecond ?? 0) : null,
        aliveBytes: profiles.alive ? (site?.alive.bytes ?? 0) : null,
        aliveBytesPerSecond: profiles.alive ? (site?.alive.bytesPerSecond ?? 0) : null,
      };
    });
}
