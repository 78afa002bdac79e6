/**
 * The shapes of the snapshot `extensions` sections this version knows (promises, TLS, undici), as the
 * analyses read them. A file can be damaged or hand-edited: the reader drops a section that does not fit
 * (with a warning in the session) instead of letting an analysis trip over it. Unknown section keys are
 * kept as they are: newer agents may add sections, and nothing here reads them.
 * The documented form is docs/session-format.md and docs/session-format.schema.json.
 */
import type { AgentSnapshot } from '../agent-protocol';
import { quote } from './check-record';
import { TLS_SECTION_KEY } from '../network/tls-section';
import { UNDICI_SECTION_KEY } from '../network/undici-section';
import { frame, poolOrigin } from './record-shapes';
import type { Check } from './shape';
import { arrayOf, bool, num, object, oneOf, optional, recordOf, str } from './shape';

const counts = recordOf(num);
const side = oneOf('client', 'server');
const histogram = recordOf(num);

const tls = object({
  intervalMs: num,
  hosts: arrayOf(
    object({
      host: str,
      side,
      completed: num,
      reused: num,
      handshakeMs: object({ sum: num, max: num, histogram }),
      connectMs: object({ count: num, sum: num, max: num, histogram }),
      errors: counts,
      protocols: counts,
      ciphers: counts,
      alpn: counts,
      slowestFrames: arrayOf(frame),
    }),
  ),
  pending: arrayOf(
    object({ host: str, side, phase: oneOf('tcp', 'tls'), ageMs: num, peer: str, frames: arrayOf(frame) }),
  ),
  pendingMinAgeMs: num,
  inProgress: object({ tcp: num, tls: num }),
  totals: object({ started: num, completed: num, failed: num, reused: num }),
});

const undici = object({
  pools: arrayOf(poolOrigin),
  stats: arrayOf(
    object({
      poolId: str,
      origin: str,
      connected: num,
      free: num,
      pending: num,
      queued: num,
      running: num,
      size: num,
    }),
  ),
  dispatchers: num,
  totals: object({ requests: num, connects: num, connectErrors: counts }),
});

const waitKind = oneOf(
  'socket-connect',
  'tls-handshake',
  'dns-lookup',
  'pool-queue',
  'socket-read',
  'timer',
  'file',
  'stream',
  'worker',
  'group',
  'untracked',
  'none',
);

const promises = object({
  time: num,
  counts: object({
    created: num,
    settled: num,
    pending: num,
    pendingWithoutDetail: num,
    collectedUnsettled: num,
  }),
  sampling: object({ coverage: num, active: bool, promisesPerSecond: num, stackRatio: num }),
  groups: arrayOf(
    object({
      id: str,
      frames: arrayOf(frame),
      waitFrames: optional(arrayOf(frame)),
      count: num,
      ageP50Ms: num,
      ageP99Ms: num,
      ageMaxMs: num,
      waits: arrayOf(
        object({
          reason: object({ kind: waitKind, detail: optional(str), groupId: optional(str) }),
          count: num,
        }),
      ),
      maxDepth: num,
    }),
  ),
  chains: num,
  dropped: counts,
});

/** Checks by section key (`AgentSnapshot.extensions[key]`). */
const EXTENSION_SHAPES: Readonly<Record<string, Check>> = {
  [TLS_SECTION_KEY]: tls,
  [UNDICI_SECTION_KEY]: undici,
  promises,
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Sieves the `extensions` of the snapshots of one file: a known section that does not fit its shape is
 * removed (in place), and so is an `extensions` that is not an object; `warnings()` then says, once per
 * section, how many were dropped and what was wrong with the first (`line 12: hosts.0.side`).
 */
export function createExtensionSieve(): {
  sieve(snapshot: AgentSnapshot, lineNumber: number): void;
  warnings(): string[];
} {
  const dropped = new Map<string, { count: number; first: string }>();
  const note = (key: string, where: string): void => {
    const seen = dropped.get(key);
    if (seen) seen.count += 1;
    else dropped.set(key, { count: 1, first: where });
  };
  return {
    sieve(snapshot, lineNumber) {
      const extensions: unknown = snapshot.extensions;
      if (extensions === undefined) return;
      if (!isPlainObject(extensions)) {
        delete snapshot.extensions;
        return note('extensions', `line ${lineNumber}: not an object`);
      }
      for (const [key, check] of Object.entries(EXTENSION_SHAPES)) {
        if (!Object.hasOwn(extensions, key)) continue;
        const problem = check(extensions[key]);
        if (problem === null) continue;
        delete extensions[key];
        note(
          key,
          `line ${lineNumber}: ${problem === '' ? 'not an object' : `wrong or missing ${quote(problem)}`}`,
        );
      }
    },
    warnings: () =>
      [...dropped].map(
        ([key, { count, first }]) =>
          `dropped ${count} malformed snapshot "${key}" section(s) (first at ${first})`,
      ),
  };
}
