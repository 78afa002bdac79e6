/**
 * Synthetic sessions for tests of the analyses: a healthy service under moderate load (≈300 req/s,
 * keep-alive sockets, 23–47 fds of 1024, delay p99 3–15 ms) with seeded noise, which a test then shapes
 * into a pitfall step by step. Deterministic for a given seed.
 */
import type { AgentSnapshot } from '../../agent-protocol';
import { SESSION_SCHEMA } from '../../session/records';
import type { Session } from '../../session/session';

/** 2024-01-01T00:00:00Z: a fixed start so tests and their output are stable. */
export const TEST_START_TIME = 1_704_067_200_000;
export const UPSTREAM = 'api.internal:80';
export const BOUNDED_UPSTREAM = 'db-proxy.internal:9000';
/** The bounded pool's per-origin limit in the healthy timeline. */
export const BOUNDED_MAX_SOCKETS = 50;

export interface TimelineOptions {
  /** Number of snapshots. */
  snapshots: number;
  /** Collection interval, ms (default 1000). */
  intervalMs?: number;
  /** PRNG seed for the noise (default 1). */
  seed?: number;
}

/** One step of the timeline, given to the shaper with that step's fresh snapshot. */
export interface TimelineStep {
  /** 0-based snapshot index. */
  index: number;
  /** ms since the session's start. */
  t: number;
  /** Seeded uniform [0, 1). */
  random: () => number;
  /** A seeded integer in [-amplitude, amplitude]. */
  jitter: (amplitude: number) => number;
}

/** Changes a step's own fresh snapshot in place to model a pitfall. */
export type SnapshotShaper = (snapshot: AgentSnapshot, step: TimelineStep) => void;

/** A session of `options.snapshots` healthy snapshots, each passed through `shape` when given. */
export function buildSession(options: TimelineOptions, shape?: SnapshotShaper): Session {
  const intervalMs = options.intervalMs ?? 1000;
  const random = mulberry32(options.seed ?? 1);
  const jitter = (amplitude: number): number => Math.round((random() * 2 - 1) * amplitude);
  let completed = 0;
  const snapshots = Array.from({ length: options.snapshots }, (_, index) => {
    const t = (index + 1) * intervalMs;
    completed += Math.round(((300 + jitter(30)) * intervalMs) / 1000);
    const snapshot = healthySnapshot(TEST_START_TIME + t, completed, index, { index, t, random, jitter });
    shape?.(snapshot, { index, t, random, jitter });
    return snapshot;
  });
  const lastTime = snapshots.at(-1)?.time ?? TEST_START_TIME;
  return {
    sources: [],
    header: {
      type: 'header',
      schema: SESSION_SCHEMA,
      hyperscope: '0.1.0',
      createdAt: TEST_START_TIME,
      target: { pid: 4242, nodeVersion: 'v20.20.2', argv: ['node', 'server.js'], attachedBy: 'pid' },
      options: { intervalMs, durationMs: null, cpu: true, heap: true, promises: true },
    },
    snapshots,
    marks: [],
    events: [],
    cpuProfiles: [],
    allocProfiles: [],
    end: { type: 'end', time: lastTime, reason: 'duration' },
    truncated: false,
    warnings: [],
  };
}

function healthySnapshot(time: number, completed: number, index: number, step: TimelineStep): AgentSnapshot {
  const { random, jitter } = step;
  const upstreamOpen = 5 + jitter(3);
  const upstreamIdle = 3 + jitter(2);
  // Every 7th snapshot or so the bounded pool touches its limit with a request or two waiting, for one
  // snapshot only: a healthy pool absorbs bursts within a second.
  const blip = index % 7 === 3 && random() < 0.5;
  // A keep-alive pool's sockets move between in use and idle; their total changes little.
  const boundedTotal = blip ? BOUNDED_MAX_SOCKETS : 30 + jitter(2);
  const boundedInUse = blip ? BOUNDED_MAX_SOCKETS : 22 + jitter(8);
  const loadgenOpen = 10;
  const open = upstreamOpen + boundedInUse + loadgenOpen;
  const idle = upstreamIdle + boundedTotal - boundedInUse;
  const p99 = 9 + jitter(6);
  // Now and then a GC pause or a cold path: a max of 60–95 ms, below what a user notices.
  const delayMax = random() < 0.05 ? 60 + Math.round(random() * 35) : p99 + Math.round(random() * 25);
  return {
    time,
    resources: {
      TCPSocketWrap: open + idle + 1,
      Timeout: 12 + jitter(4),
      FSReqCallback: Math.max(0, jitter(2)),
    },
    sockets: { connecting: Math.max(0, jitter(1)), open, idle, destroyedReferenced: 0, total: open + idle },
    peers: [
      {
        peer: BOUNDED_UPSTREAM,
        side: 'client',
        tls: false,
        connecting: 0,
        open: boundedInUse,
        idle: idle - upstreamIdle,
        destroyedReferenced: 0,
      },
      {
        peer: '127.0.0.1:53110',
        side: 'server',
        tls: false,
        connecting: 0,
        open: loadgenOpen,
        idle: 0,
        destroyedReferenced: 0,
      },
      {
        peer: UPSTREAM,
        side: 'client',
        tls: false,
        connecting: 0,
        open: upstreamOpen,
        idle: upstreamIdle,
        destroyedReferenced: 0,
      },
    ],
    pools: [
      {
        poolId: 'http.Agent#1',
        kind: 'http',
        origin: UPSTREAM,
        inUse: upstreamOpen,
        idle: upstreamIdle,
        queued: 0,
        maxSockets: null,
        keepAlive: true,
      },
      {
        poolId: 'http.Agent#2',
        kind: 'http',
        origin: BOUNDED_UPSTREAM,
        inUse: boundedInUse,
        idle: idle - upstreamIdle,
        queued: blip ? 1 + Math.round(random()) : 0,
        maxSockets: BOUNDED_MAX_SOCKETS,
        keepAlive: true,
      },
    ],
    fds: { open: 35 + jitter(12), limit: 1024 },
    eventLoop: {
      delayP50Ms: 1 + random(),
      delayP99Ms: p99,
      delayMaxMs: delayMax,
      utilization: 0.35 + jitter(15) / 100,
    },
    memory: {
      rss: (120 + jitter(10)) * 2 ** 20,
      heapUsed: (40 + jitter(8)) * 2 ** 20,
      heapTotal: 80 * 2 ** 20,
      external: 3 * 2 ** 20,
      arrayBuffers: 2 ** 20,
    },
    http: { inFlight: 10 + jitter(5), completed, errors: 0 },
    agent: { collectCpuMs: 0.5 + random() / 2, dropped: {} },
  };
}

/** A small seeded PRNG (uniform [0, 1)); tests need repeatable noise, not quality randomness. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
