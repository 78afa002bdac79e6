/**
 * The shape of every record type of session file v1, as the readers rely on it: the documented JSON
 * Schema (docs/session-format.schema.json) in checks cheap enough for every line. The known snapshot
 * `extensions` sections are checked one by one (extension-shapes.ts): a malformed one is dropped, not fatal.
 */
import type { SessionRecord } from './records';
import type { Check } from './shape';
import { any, arrayOf, bool, nullable, num, object, oneOf, optional, recordOf, str } from './shape';

const callFrame = object({ functionName: str, scriptId: str, url: str, lineNumber: num, columnNumber: num });
/** A `Frame` (core/frame.ts). */
export const frame = object({ functionName: str, url: str, line: num, column: num });
/** A `PoolOrigin` (core/agent-protocol.ts). */
export const poolOrigin = object({
  poolId: str,
  kind: str,
  origin: str,
  inUse: num,
  idle: num,
  queued: num,
  maxSockets: nullable(num),
  keepAlive: bool,
  createdAt: optional(arrayOf(frame)),
  queuedFrom: optional(arrayOf(frame)),
  openedFrom: optional(arrayOf(frame)),
  unreadResponses: optional(num),
  heldBy: optional(arrayOf(frame)),
});
const kindTotal = object({ count: num, bytes: num });
const snapshotTotals = object({ time: num, count: num, bytes: num, pauseMs: optional(num) });
const sourcePosition = object({ url: str, line: num, column: num });
const retainerStep = object({
  via: oneOf('property', 'variable', 'element', 'root'),
  name: str,
  holds: str,
  source: optional(sourcePosition),
});
/** A `HeapGrowth` (core/retainers/heap-growth.ts). */
const heapGrowth = object({
  first: snapshotTotals,
  last: snapshotTotals,
  newCount: num,
  newBytes: num,
  kinds: arrayOf(object({ kind: str, first: kindTotal, last: kindTotal })),
  holders: arrayOf(
    object({
      holds: str,
      name: str,
      source: optional(sourcePosition),
      path: arrayOf(retainerStep),
      truncated: bool,
      count: num,
      bytes: num,
      instances: optional(num),
      kinds: arrayOf(object({ kind: str, count: num, bytes: num })),
    }),
  ),
});
const socketStates = { connecting: num, open: num, idle: num, destroyedReferenced: num };

const snapshot = object({
  time: num,
  resources: recordOf(num),
  sockets: object({ ...socketStates, total: num }),
  peers: arrayOf(object({ ...socketStates, peer: str, side: oneOf('client', 'server'), tls: bool })),
  pools: arrayOf(poolOrigin),
  fds: object({ open: nullable(num), limit: nullable(num) }),
  eventLoop: object({ delayP50Ms: num, delayP99Ms: num, delayMaxMs: num, utilization: num }),
  memory: object({ rss: num, heapUsed: num, heapTotal: num, external: num, arrayBuffers: num }),
  http: object({ inFlight: num, completed: num, errors: num }),
  agent: object({ collectCpuMs: num, dropped: recordOf(num) }),
  // Sieved section by section after this check (extension-shapes.ts): a bad one is dropped, not fatal.
  extensions: any,
});

/** Checks per record type, applied to the whole record (its `type` is already known). */
export const RECORD_SHAPES: Record<SessionRecord['type'], Check> = {
  header: object({
    schema: str,
    createdAt: num,
    target: object({
      pid: num,
      nodeVersion: str,
      argv: arrayOf(str),
      attachedBy: str,
      inspectorUrl: optional(str),
    }),
    options: object({
      intervalMs: num,
      durationMs: nullable(num),
      cpu: bool,
      heap: bool,
      promises: bool,
      cpuSamplingIntervalUs: optional(num),
      heapSamplingIntervalBytes: optional(num),
      retainers: optional(bool),
    }),
    ring: optional(object({ spanMs: num, recordingStartedAt: num })),
  }),
  snapshot: object({ snapshot, source: optional(str) }),
  mark: object({ time: num, label: str }),
  event: object({ time: num, level: oneOf('info', 'warning', 'error'), message: str, source: optional(str) }),
  'profile-begin': object({
    source: optional(str),
    id: str,
    kind: oneOf('cpu', 'alloc'),
    startTime: num,
    endTime: num,
    samplingInterval: num,
    includesCollected: optional(bool),
  }),
  'profile-cpu-nodes': object({
    id: str,
    nodes: arrayOf(object({ id: num, callFrame, hitCount: optional(num), children: optional(arrayOf(num)) })),
  }),
  'profile-alloc-nodes': object({
    id: str,
    nodes: arrayOf(object({ id: num, parent: num, callFrame, selfSize: num })),
  }),
  'profile-cpu-samples': object({ id: str, samples: arrayOf(num), timeDeltas: arrayOf(num) }),
  'profile-alloc-samples': object({
    id: str,
    samples: arrayOf(object({ size: num, nodeId: num, ordinal: num })),
  }),
  'profile-end': object({ id: str }),
  source: object({
    id: str,
    kind: oneOf('process', 'thread'),
    pid: num,
    threadId: num,
    parent: optional(str),
    label: str,
    nodeVersion: str,
    argv: arrayOf(str),
    time: num,
  }),
  'source-end': object({
    source: str,
    time: num,
    reason: oneOf('exited', 'lost', 'error'),
    message: optional(str),
  }),
  'source-map': object({
    url: str,
    map: object({
      version: (v) => (v === 3 ? null : ''),
      sources: arrayOf(nullable(str)),
      names: arrayOf(str),
      mappings: str,
      sourceRoot: optional(str),
      file: optional(str),
    }),
  }),
  'heap-growth': object({ source: optional(str), growth: heapGrowth }),
  end: object({ time: num, reason: str, message: optional(str) }),
};
