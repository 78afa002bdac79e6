/**
 * alloc-hotspot: one function responsible for most of the bytes the process allocates (GC pressure), or —
 * worse — for most of the bytes that survive GC (a cache, a list or a map that only grows). Judged from the
 * allocation-sampling windows: "allocated" windows include objects GC collected since, "still alive"
 * windows keep only what survived a full GC (on Node 20–24 the one the inspector forces before handing
 * the profile over; on Node 26+ the window's last, `core/profile/split-heap-window.ts`).
 */
import { formatBytes } from '../units/bytes';
import { formatPercent } from '../units/percent';
import { frameCategoryOf, frameLabel } from '../profile/profile-model';
import { sessionProfiles } from '../profile/session-profiles';
import type { Session } from '../session/session';
import type { AnalysisContext } from './analysis';
import { snapshotPoints } from './analysis';
import { rounded } from './evidence-series';
import type { Finding, Severity } from './finding';
import { emptySide, siteStatsOf, type SiteStats } from './alloc-site-stats';
import { inlinedAllocatorOf, sameFunction, type InlinedAllocator } from './inlined-allocator';
import { topCallerSite } from './alloc-caller-site';
import { mergeSiteStats } from './merge-site-stats';
import type { SessionProfiles } from '../profile/session-profiles';
import type { Protocol } from 'devtools-protocol';
import type { Frame } from '../frame';
import { theilSenSlopePerS } from './trend';

/** A site must hold at least this share of the sampled bytes (allocated, or still alive) to be the hotspot. */
export const MIN_SHARE = 0.5;
/**
 * Fewer samples than this at a site is one or two large objects, not a pattern. At the default 512 KiB
 * interval a site keeping 777 KiB/s alive (the alloc-hotspot scenario's cache) gets ~7 samples in a 5 s
 * still-alive window: five distinct objects sampled is a pattern.
 */
export const MIN_SAMPLES = 5;
// A healthy HTTP service allocates a few MiB/s spread over many functions (the demo: ~3 MiB/s, top
// function ~5%). One function allocating MiBs a second is worth knowing; tens of MiB/s cost real GC time.
export const INFO_ALLOCATED_BYTES_PER_S = 1024 * 1024;
export const WARNING_ALLOCATED_BYTES_PER_S = 16 * 1024 * 1024;
// Still alive after a full GC: 256 KiB/s is ~900 MiB an hour, more than most services have to spare.
export const WARNING_ALIVE_BYTES_PER_S = 256 * 1024;
// 1 MiB/s surviving while the heap keeps growing exhausts a default heap within the hour.
export const CRITICAL_ALIVE_BYTES_PER_S = 1024 * 1024;
export const CRITICAL_HEAP_GROWTH_BYTES_PER_S = 256 * 1024;

type Criterion = 'allocated' | 'surviving';

/** At most two findings (the top allocating function, the top surviving one); one when they are the same. */
export function findAllocHotspot(session: Session, context: AnalysisContext): Finding[] {
  const profiles = context.profiles ?? sessionProfiles(session);
  // Hyperscope's own allocations are its cost line in the report, never the service's hotspot.
  const sites = siteStatsOf(profiles, session.header.createdAt).filter(
    (site) => frameCategoryOf(site.frame.functionName, site.frame.url) !== 'profiler',
  );
  if (sites.length === 0) return [];
  const heapGrowth = theilSenSlopePerS(snapshotPoints(session, (s) => s.memory.heapUsed));
  const cpuProfiles = session.cpuProfiles.map((window) => window.profile);
  const judged = new Map<SiteStats, { criterion: Criterion; severity: Severity }>();
  const consider = (site: SiteStats | undefined, criterion: Criterion, severity: Severity | null): void => {
    if (!site || !severity) return;
    const earlier = judged.get(site);
    if (!earlier || RANK[severity] < RANK[earlier.severity]) judged.set(site, { criterion, severity });
  };
  const byAllocated = withInlinedCallee(
    [...sites].sort((a, b) => b.allocated.bytes - a.allocated.bytes)[0],
    sites,
    profiles,
    cpuProfiles,
  );
  const byAlive = [...sites].sort((a, b) => b.alive.bytes - a.alive.bytes)[0];
  consider(byAlive, 'surviving', survivingSeverity(byAlive, heapGrowth));
  consider(byAllocated, 'allocated', allocatedSeverity(byAllocated));
  // No one function holds most bytes: the application function does, with the Node code it calls.
  const byCaller = allocatedSeverity(byAllocated) ? undefined : callerSite(sites, profiles, session);
  consider(byCaller, 'allocated', allocatedSeverity(byCaller));
  return [...judged].map(([site, { criterion, severity }]) =>
    finding(site, criterion, severity, heapGrowth, profiles, cpuProfiles, site === byCaller),
  );
}

/** The top application site with Node's code and builtins it calls charged to it (`alloc-caller-site`). */
function callerSite(
  sites: readonly SiteStats[],
  profiles: SessionProfiles,
  session: Session,
): SiteStats | undefined {
  const caller = profiles.allocated && topCallerSite(profiles.allocated, session.header.createdAt);
  if (!caller || frameCategoryOf(caller.frame.functionName, caller.frame.url) === 'profiler')
    return undefined;
  const own = sites.find((site) => sameFunction(site.frame, caller.frame));
  return {
    frame: caller.frame,
    sizesEstimatedUpToBytes: sites[0]!.sizesEstimatedUpToBytes,
    allocated: caller.allocated,
    alive: own?.alive ?? emptySide(),
  };
}

/**
 * The top allocating site with the bytes of an allocator inlined into it added: while inlined its bytes
 * are the site's, while it ran as its own frame they are its own, and either part alone may fall short of
 * `MIN_SHARE` (Node 22: the handler 45%, the inlined renderInvoice 29%).
 */
function withInlinedCallee(
  top: SiteStats | undefined,
  sites: readonly SiteStats[],
  profiles: SessionProfiles,
  cpuProfiles: readonly Protocol.Profiler.Profile[],
): SiteStats | undefined {
  if (!top) return top;
  const inlined = inlinedAllocatorOf(top.allocated.stack, profiles.allocated?.merged, cpuProfiles);
  const callee = inlined && sites.find((site) => sameFunction(site.frame, inlined.callee));
  return callee ? mergeSiteStats(top, callee) : top;
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

function allocatedSeverity(site: SiteStats | undefined): Severity | null {
  if (!site || site.allocated.share < MIN_SHARE || site.allocated.samples < MIN_SAMPLES) return null;
  if (site.allocated.bytesPerSecond >= WARNING_ALLOCATED_BYTES_PER_S) return 'warning';
  return site.allocated.bytesPerSecond >= INFO_ALLOCATED_BYTES_PER_S ? 'info' : null;
}

function survivingSeverity(site: SiteStats | undefined, heapGrowth: number): Severity | null {
  if (!site || site.alive.share < MIN_SHARE || site.alive.samples < MIN_SAMPLES) return null;
  if (site.alive.bytesPerSecond < WARNING_ALIVE_BYTES_PER_S) return null;
  const growing = heapGrowth >= CRITICAL_HEAP_GROWTH_BYTES_PER_S;
  return site.alive.bytesPerSecond >= CRITICAL_ALIVE_BYTES_PER_S && growing ? 'critical' : 'warning';
}

function finding(
  site: SiteStats,
  criterion: Criterion,
  severity: Severity,
  heapGrowth: number,
  profiles: SessionProfiles,
  cpuProfiles: readonly Protocol.Profiler.Profile[],
  withNodeCode: boolean,
): Finding {
  const { allocated, alive } = site;
  const recorded = criterion === 'surviving' && alive.stack.length > 0 ? alive.stack : allocated.stack;
  const side = criterion === 'surviving' && alive.stack.length > 0 ? profiles.alive : profiles.allocated;
  const inlined = inlinedAllocatorOf(recorded, side?.merged, cpuProfiles);
  const name = inlined ? frameLabel(inlined.callee) : frameLabel(site.frame);
  const perS = (bytes: number): string => `${formatBytes(Math.round(bytes))}/s`;
  const title =
    criterion === 'surviving'
      ? `${name} keeps ${perS(alive.bytesPerSecond)} alive: ${formatPercent(alive.share)} of the bytes that survive GC`
      : `${name} allocates ${perS(allocated.bytesPerSecond)}${withNodeCode ? ' with the Node code it calls' : ''}: ` +
        `${formatPercent(allocated.share)} of all bytes allocated`;
  const histogram = criterion === 'surviving' ? alive.histogram : allocated.histogram;
  return {
    kind: 'alloc-hotspot',
    severity,
    title,
    evidence: {
      summary:
        `${name} allocated ${formatBytes(allocated.bytes)} (${perS(allocated.bytesPerSecond)}, ` +
        `${formatPercent(allocated.share)} of sampled bytes); ${formatBytes(alive.bytes)} of what it allocated in the ` +
        `still-alive windows survived a full GC (${perS(alive.bytesPerSecond)}, ${formatPercent(alive.share)} of ` +
        `surviving bytes), while heap used changed by ${perS(heapGrowth)}.` +
        (inlined ? ` ${inferenceNote(inlined)}` : '') +
        (withNodeCode
          ? ` Its bytes include those of Node's code and V8's builtins it called (no one function held ${formatPercent(MIN_SHARE)}).`
          : ''),
      values: {
        criterion,
        ...(withNodeCode ? { bytesOf: 'the function and the Node code it calls' } : {}),
        ...(inlined
          ? { inlinedInto: `${frameLabel(inlined.host)} ${placeOf(inlined.host)}`, namedFrom: 'cpu-profile' }
          : {}),
        allocatedBytes: Math.round(allocated.bytes),
        allocatedBytesPerSecond: Math.round(allocated.bytesPerSecond),
        allocatedShare: rounded(allocated.share, 3),
        allocatedSamples: allocated.samples,
        aliveBytes: Math.round(alive.bytes),
        aliveBytesPerSecond: Math.round(alive.bytesPerSecond),
        aliveShare: rounded(alive.share, 3),
        aliveSamples: alive.samples,
        heapUsedGrowthBytesPerSecond: Math.round(heapGrowth),
        sizesEstimatedUpToBytes: site.sizesEstimatedUpToBytes,
        ...Object.fromEntries(
          histogram.map(({ label, bytes }) => [`bytes of size ${label}`, Math.round(bytes)]),
        ),
      },
      series: [
        { name: 'allocated', unit: 'bytes/s', points: allocated.rateSeries },
        { name: 'still alive', unit: 'bytes/s', points: alive.rateSeries },
      ].filter((series) => series.points.length > 0),
    },
    frames: inlined ? withCallee(recorded, inlined) : recorded,
    advice:
      criterion === 'surviving'
        ? 'Find what keeps these objects: a cache or map without a size limit or expiry, a growing list, ' +
          'listeners or closures never removed. Bound it (an LRU with a byte limit, a TTL), keep less per ' +
          'entry (ids rather than whole payloads), or hold entries weakly (WeakMap, WeakRef). Two heap ' +
          'snapshots a minute apart show the retainers.'
        : 'Allocate less on this path: stream large responses instead of building them as one string, reuse ' +
          'buffers, avoid intermediate strings and arrays (concatenation, join, JSON round trips). Garbage ' +
          'costs CPU in the garbage collector: see "(garbage collector)" in the CPU profile.',
  };
}

/** How the allocator was named, for a user to know it is an inference. */
function inferenceNote({ callee, host, calleeSamples, hostSamples }: InlinedAllocator): string {
  return (
    `${frameLabel(callee)} is inferred: V8's allocation sampling recorded these bytes in ${frameLabel(host)} ` +
    `(${placeOf(host)}), into which V8's optimizing compiler inlined ${frameLabel(callee)}; named from the CPU profile, where ` +
    `${frameLabel(callee)} had ${calleeSamples} samples under it and ${frameLabel(host)} itself ${hostSamples}.`
  );
}

/** The recorded stack with the inferred callee put above its host (builtins such as `join` stay innermost). */
function withCallee(stack: readonly Frame[], { callee }: InlinedAllocator): Frame[] {
  const host = stack.findIndex((frame) => frame.url !== '');
  return [...stack.slice(0, host), callee, ...stack.slice(host)];
}

function placeOf(frame: Frame): string {
  return `${frame.url.split('/').pop() ?? ''}:${frame.line}`;
}
