/**
 * pool-starvation: a connection pool origin at its `maxSockets` limit while requests wait for a socket,
 * for seconds on end. Each queued caller waits for a whole request on another socket. Judged in time, not
 * in snapshots, so that `--interval 500ms` or `5s` means the same (reasoning in docs/findings.md).
 */
import type { PoolOrigin } from '../agent-protocol';
import type { Frame } from '../frame';
import type { Session } from '../session/session';
import type { AnalysisContext } from './analysis';
import { sinceStartMs } from './analysis';
import { rounded, seriesOf } from './evidence-series';
import type { Finding, Severity } from './finding';

// A healthy bounded pool touches its limit with a request or two queued for a moment; starved in every
// snapshot of a 3 s stretch (3 in a row at the default 1 s interval, 6 at 500 ms) means callers keep waiting.
export const MIN_STARVED_MS = 3_000;
// A snapshot sees the queue at one instant: one alone, however long its interval, shows no lasting wait.
export const MIN_STARVED_SNAPSHOTS = 2;
// A queue as long as the pool means every queued caller waits at least one whole request: latency at
// least doubles. Held this long, that is an outage in the making.
export const CRITICAL_QUEUE_PER_SOCKET = 1;
export const CRITICAL_MIN_STARVED_MS = 5_000;
// Starved for this long without a deep queue is still a pool sized wrong for its load.
export const CRITICAL_LONGEST_RUN_MS = 30_000;

interface PoolSample {
  /** Index of the snapshot in the session. */
  index: number;
  t: number;
  pool: PoolOrigin;
}

/** Findings for every pool origin starved in consecutive snapshots covering `MIN_STARVED_MS` or more. */
export function findPoolStarvation(session: Session, _context: AnalysisContext): Finding[] {
  const intervalMs = session.header.options.intervalMs;
  // Each starved snapshot stands for its interval. Collections are aligned to the interval but land a few
  // ms either side of it: half an interval of slack keeps 3 snapshots at 1 s (2.99–3.01 s) in, 2 (2 s) out.
  const lastsMs = (run: PoolSample[]): number => run.at(-1)!.t - run[0]!.t + intervalMs;
  const findings: Finding[] = [];
  for (const samples of samplesByPool(session).values()) {
    const runs = starvedRuns(samples).filter(
      (run) => run.length >= MIN_STARVED_SNAPSHOTS && lastsMs(run) >= MIN_STARVED_MS - intervalMs / 2,
    );
    if (runs.length === 0) continue;
    const runMs = runs.map(lastsMs);
    const starvedMs = runMs.reduce((sum, ms) => sum + ms, 0);
    const longestRunMs = Math.max(...runMs);
    const starved = runs.flat();
    const maxQueued = Math.max(...starved.map((s) => s.pool.queued));
    const limit = starved[0]!.pool.maxSockets!;
    findings.push(
      poolFinding(samples, {
        severity: severityOf(maxQueued, limit, starvedMs, longestRunMs),
        maxQueued,
        limit,
        starvedMs,
        longestRunMs,
        starvedSnapshots: starved.length,
      }),
    );
  }
  return findings;
}

interface Starvation {
  severity: Severity;
  maxQueued: number;
  limit: number;
  starvedMs: number;
  longestRunMs: number;
  starvedSnapshots: number;
}

function poolFinding(samples: PoolSample[], s: Starvation): Finding {
  const { poolId, origin, kind } = samples[0]!.pool;
  const seconds = rounded(s.starvedMs / 1000);
  return {
    kind: 'pool-starvation',
    severity: s.severity,
    title: `Pool ${poolId} → ${origin} starved: up to ${s.maxQueued} requests queued at its limit of ${s.limit} sockets`,
    evidence: {
      summary:
        `${kind} pool ${poolId} to ${origin} had all ${s.limit} sockets in use with requests waiting for ` +
        `${seconds} s (longest stretch ${rounded(s.longestRunMs / 1000)} s), up to ${s.maxQueued} queued.`,
      values: {
        poolId,
        origin,
        maxSockets: s.limit,
        maxQueued: s.maxQueued,
        starvedSeconds: seconds,
        longestStarvedSeconds: rounded(s.longestRunMs / 1000),
        starvedSnapshots: s.starvedSnapshots,
      },
      series: [
        seriesOf('queued', 'count', samples, (sample) => sample.pool.queued),
        seriesOf('inUse', 'count', samples, (sample) => sample.pool.inUse),
        seriesOf('limit', 'count', samples, (sample) => sample.pool.maxSockets ?? 0),
      ],
    },
    frames: responsibleFrames(samples),
    advice:
      `Raise maxSockets for ${origin} (now ${s.limit}) to match the concurrency it must carry, give requests ` +
      `on this pool a timeout so callers do not wait without bound, and keep long-lived requests ` +
      `(streams, long polls, slow uploads) on a pool of their own.`,
  };
}

function severityOf(maxQueued: number, limit: number, starvedMs: number, longestRunMs: number): Severity {
  const deepQueue = maxQueued >= limit * CRITICAL_QUEUE_PER_SOCKET && starvedMs >= CRITICAL_MIN_STARVED_MS;
  return deepQueue || longestRunMs >= CRITICAL_LONGEST_RUN_MS ? 'critical' : 'warning';
}

/** Samples of each pool origin over the session, keyed by pool id and origin. */
function samplesByPool(session: Session): Map<string, PoolSample[]> {
  const byPool = new Map<string, PoolSample[]>();
  session.snapshots.forEach((snapshot, index) => {
    for (const pool of snapshot.pools) {
      const key = `${pool.poolId} ${pool.origin}`;
      const samples = byPool.get(key) ?? [];
      samples.push({ index, t: sinceStartMs(session, snapshot.time), pool });
      byPool.set(key, samples);
    }
  });
  return byPool;
}

// An unlimited pool (maxSockets null) never queues for a socket, so a queue there is not starvation.
function isStarved(pool: PoolOrigin): boolean {
  return pool.maxSockets !== null && pool.queued > 0 && pool.inUse >= pool.maxSockets;
}

/** Runs of starved samples taken from consecutive snapshots. */
function starvedRuns(samples: PoolSample[]): PoolSample[][] {
  const runs: PoolSample[][] = [];
  let run: PoolSample[] = [];
  for (const sample of samples) {
    const continues = run.length > 0 && run.at(-1)!.index === sample.index - 1;
    if (!isStarved(sample.pool)) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else if (continues) {
      run.push(sample);
    } else {
      if (run.length > 0) runs.push(run);
      run = [sample];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function responsibleFrames(samples: PoolSample[]): Frame[] {
  // Where the pool was made says which pool to fix; where queued requests came from, when the pool predates
  // the attach, says who waits on it.
  const created = samples.find((sample) => sample.pool.createdAt && sample.pool.createdAt.length > 0);
  if (created?.pool.createdAt) return [...created.pool.createdAt];
  const queued = samples.findLast((sample) => sample.pool.queuedFrom && sample.pool.queuedFrom.length > 0);
  return queued?.pool.queuedFrom ? [...queued.pool.queuedFrom] : [];
}
