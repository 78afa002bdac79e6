/**
 * Where the growth was allocated: heap snapshots say what holds new objects but not which code made them
 * (V8 records that only while tracking every allocation, far too costly to leave on), while the
 * still-alive sampling windows of the same recording say which functions allocated the bytes that
 * survived GC. The report puts the two side by side: holders by kind from the snapshots, sites from the
 * sampling (joined by time, not object by object).
 */
import { siteStatsOf } from '../findings/alloc-site-stats';
import type { Frame } from '../frame';
import { frameCategoryOf } from '../profile/profile-model';
import type { SessionProfiles } from '../profile/session-profiles';

/** A function that allocated bytes still alive after GC in the recording's still-alive windows. */
export interface GrowthSite {
  frame: Frame;
  /** Its sampled bytes still alive after GC, per second of still-alive windows. */
  aliveBytesPerSecond: number;
  /** Its share of all such bytes, 0..1. */
  share: number;
}

/** Sites below this share of the surviving bytes are not listed. */
const MIN_SITE_SHARE = 0.05;

export function growthSites(profiles: SessionProfiles, sessionStart: number, max = 5): GrowthSite[] {
  return siteStatsOf(profiles, sessionStart)
    .filter((site) => site.alive.share >= MIN_SITE_SHARE)
    .filter((site) => frameCategoryOf(site.frame.functionName, site.frame.url) !== 'profiler')
    .sort((a, b) => b.alive.bytes - a.alive.bytes)
    .slice(0, max)
    .map((site) => ({
      frame: site.frame,
      aliveBytesPerSecond: site.alive.bytesPerSecond,
      share: site.alive.share,
    }));
}
