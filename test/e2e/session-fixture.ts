/**
 * A small, realistic session file for the end-to-end tests: 40 s of a service whose bounded pool starves
 * from 12 s on (requests queue for a socket), with TLS to one upstream, pending promises, a mark, and one
 * CPU and one allocation profile — written as NDJSON records, as the recorder writes them.
 */
import { writeFileSync } from 'node:fs';
import type { Protocol } from 'devtools-protocol';
import {
  BOUNDED_UPSTREAM,
  buildSession,
  TEST_START_TIME,
} from '../../core/findings/test-support/session-builder';
import type { PoolOrigin } from '../../core/agent-protocol';
import type { PromiseSection } from '../../core/chains/promise-section';
import type { TlsSection } from '../../core/network/tls-section';
import { UNDICI_SECTION_KEY, type UndiciSection } from '../../core/network/undici-section';
import { allocProfileRecords, cpuProfileRecords } from '../../core/session/profile-records';
import type { SessionRecord } from '../../core/session/records';

const SNAPSHOTS = 40;

function frame(functionName: string, line: number): Protocol.Runtime.CallFrame {
  return {
    functionName,
    scriptId: '42',
    url: 'file:///srv/app/server.js',
    lineNumber: line - 1,
    columnNumber: 4,
  };
}

/** A CPU profile: `handleRequest` → `renderPage` (`renderShare` of 12 samples) and → `fetchPrices`. Times in µs. */
function cpuProfile(renderShare: number): Protocol.Profiler.Profile {
  const nodes: Protocol.Profiler.ProfileNode[] = [
    { id: 1, callFrame: { ...frame('(root)', 1), url: '', scriptId: '0' }, children: [2, 5] },
    { id: 2, callFrame: frame('handleRequest', 10), children: [3, 4] },
    { id: 3, callFrame: frame('renderPage', 40) },
    { id: 4, callFrame: frame('fetchPrices', 80) },
    { id: 5, callFrame: { ...frame('(idle)', 1), url: '', scriptId: '0' } },
  ];
  const samples: number[] = [];
  // 400 samples 100 ms apart: the 40 s window, a third of it idle.
  for (let i = 0; i < 400; i++) samples.push(i % 12 < renderShare ? 3 : i % 12 < 7 ? 4 : i % 12 < 8 ? 2 : 5);
  return {
    nodes,
    startTime: 0,
    endTime: samples.length * 100_000,
    samples,
    timeDeltas: samples.map(() => 100_000),
  };
}

/** An allocation profile: `buildCatalog` allocates most, `cacheResult` keeps some. Sizes in bytes. */
function allocProfile(): Protocol.HeapProfiler.SamplingHeapProfile {
  const node = (
    id: number,
    name: string,
    line: number,
    selfSize: number,
    children: Protocol.HeapProfiler.SamplingHeapProfileNode[] = [],
  ) => ({
    id,
    callFrame: frame(name, line),
    selfSize,
    children,
  });
  const head = {
    ...node(1, '(root)', 1, 0, [
      node(2, 'handleRequest', 10, 65_536, [
        node(3, 'buildCatalog', 120, 4_194_304),
        node(4, 'cacheResult', 160, 1_048_576),
      ]),
    ]),
    callFrame: { ...frame('(root)', 1), url: '', scriptId: '0' },
  };
  const samples: Protocol.HeapProfiler.SamplingHeapProfileSample[] = [];
  for (let i = 0; i < 128; i++) samples.push({ size: 32_768, nodeId: 3, ordinal: i * 3 });
  for (let i = 0; i < 32; i++) samples.push({ size: 32_768, nodeId: 4, ordinal: i * 3 + 1 });
  for (let i = 0; i < 2; i++) samples.push({ size: 32_768, nodeId: 2, ordinal: i * 3 + 2 });
  return { head, samples };
}

function tlsSection(index: number): TlsSection {
  const slow = index >= 20;
  return {
    intervalMs: 1000,
    hosts: [
      {
        host: 'payments.example:443',
        side: 'client',
        completed: 4,
        reused: slow ? 0 : 3,
        handshakeMs: {
          sum: slow ? 900 : 40,
          max: slow ? 400 : 14,
          histogram: slow ? { '32': 2, '35': 2 } : { '12': 3, '15': 1 },
        },
        connectMs: { count: 4, sum: 8, max: 3, histogram: { '4': 4 } },
        errors: {},
        protocols: { 'TLSv1.3': 4 },
        ciphers: { TLS_AES_256_GCM_SHA384: 4 },
        alpn: { 'http/1.1': 4 },
        slowestFrames: [],
      },
    ],
    pending: [],
    pendingMinAgeMs: 1000,
    inProgress: { tcp: 0, tls: slow ? 1 : 0 },
    totals: {
      started: 4 * (index + 1),
      completed: 4 * (index + 1),
      failed: 0,
      reused: 3 * Math.min(index, 20),
    },
  };
}

const at = (functionName: string, line: number) => ({
  functionName,
  url: 'file:///srv/app/server.js',
  line,
  column: 5,
});

/** Pending chains: requests blocked on the starved pool grow from 12 s on; a few timers always wait. */
function promiseSection(index: number, time: number): PromiseSection {
  const blocked = index >= 12 ? (index - 11) * 6 : 0;
  const groups = (
    [
      {
        id: 'g-fetch-prices',
        frames: [at('fetchPrices', 80), at('handleRequest', 12)],
        count: blocked,
        ageP50Ms: blocked * 90,
        ageP99Ms: blocked * 160,
        ageMaxMs: blocked * 170,
        waits: [{ reason: { kind: 'pool-queue', detail: 'db-proxy.internal:9000' }, count: blocked }],
        maxDepth: 4,
      },
      {
        id: 'g-refresh',
        frames: [at('scheduleRefresh', 200)],
        count: 3,
        ageP50Ms: 400,
        ageP99Ms: 900,
        ageMaxMs: 950,
        waits: [{ reason: { kind: 'timer', detail: '1000 ms' }, count: 3 }],
        maxDepth: 2,
      },
    ] satisfies PromiseSection['groups']
  ).filter((g) => g.count > 0);
  const pending = groups.reduce((n, g) => n + g.count, 0) * 3;
  return {
    time,
    counts: {
      created: 5000 * (index + 1),
      settled: 5000 * (index + 1) - pending,
      pending,
      pendingWithoutDetail: 0,
      collectedUnsettled: 0,
    },
    sampling: { coverage: 0.2, active: false, promisesPerSecond: 25_000, stackRatio: 0.05 },
    groups,
    chains: groups.reduce((n, g) => n + g.count, 0),
    dropped: {},
  };
}

/** A fetch pool with room to spare (no finding of its own), so the pools views show both kinds. */
function undiciSection(index: number): UndiciSection {
  const inUse = 1 + (index % 3);
  const pool: PoolOrigin = {
    poolId: 'undici.Agent#1',
    kind: 'undici',
    origin: 'prices.internal:443',
    inUse,
    idle: 4 - inUse,
    queued: 0,
    maxSockets: 8,
    keepAlive: true,
  };
  const stats = { poolId: pool.poolId, origin: pool.origin, connected: 4, free: 4 - inUse };
  return {
    pools: [pool],
    stats: [{ ...stats, pending: 0, queued: 0, running: inUse, size: inUse }],
    dispatchers: 1,
    totals: { requests: 20 * index, connects: 4, connectErrors: {} },
  };
}

/**
 * The records of the fixture session, in file order. `starved: false` gives the same service before the
 * regression (a base for diffs): no starved pool, no blocked chains, less time in `renderPage`.
 */
export function fixtureRecords({ starved = true } = {}): SessionRecord[] {
  const session = buildSession({ snapshots: SNAPSHOTS }, (snapshot, step) => {
    const pool = snapshot.pools.find((p) => p.origin === BOUNDED_UPSTREAM);
    if (starved && pool && step.index >= 12) {
      pool.inUse = pool.maxSockets ?? 50;
      pool.idle = 0;
      pool.queued = Math.min(120, (step.index - 11) * 6 + step.jitter(2));
      snapshot.http.inFlight = 40 + pool.queued;
    }
    snapshot.extensions = {
      tls: tlsSection(step.index),
      [UNDICI_SECTION_KEY]: undiciSection(step.index),
      promises: promiseSection(starved ? step.index : 0, snapshot.time),
    };
  });
  const end = TEST_START_TIME + SNAPSHOTS * 1000;
  return [
    session.header,
    ...session.snapshots.flatMap((snapshot, i): SessionRecord[] =>
      i === 12
        ? [
            { type: 'mark', time: snapshot.time, label: 'deploy v2' },
            { type: 'snapshot', snapshot },
          ]
        : [{ type: 'snapshot', snapshot }],
    ),
    ...cpuProfileRecords(
      { id: 'cpu-1', startTime: TEST_START_TIME, endTime: end, samplingInterval: 1000 },
      cpuProfile(starved ? 5 : 2),
    ),
    ...allocProfileRecords(
      {
        id: 'alloc-1',
        startTime: TEST_START_TIME,
        endTime: end,
        samplingInterval: 32_768,
        includesCollected: true,
      },
      allocProfile(),
    ),
    { type: 'end', time: end, reason: 'duration' },
  ];
}

export function writeFixtureSession(path: string, options: { starved?: boolean } = {}): void {
  writeFileSync(
    path,
    fixtureRecords(options)
      .map((r) => JSON.stringify(r) + '\n')
      .join(''),
  );
}
