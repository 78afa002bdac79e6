/**
 * The undici collector's section of a snapshot (`AgentSnapshot.extensions.undici`): every undici pool the
 * target dispatched through (the global dispatcher behind `fetch`, and any `Agent`/`Pool`/`Client` the
 * app made, from Node's bundled undici or an npm copy), per origin, as `PoolOrigin`s of kind 'undici'
 * so one pools view covers http.Agent and undici alike. Counts are instantaneous unless noted.
 */
import type { AgentSnapshot, PoolOrigin } from '../agent-protocol';

/** The key of this section in `AgentSnapshot.extensions`. */
export const UNDICI_SECTION_KEY = 'undici';

/** undici's own figures for one origin of one dispatcher (its `PoolStats`/`ClientStats`). */
export interface UndiciOriginStats {
  poolId: string;
  /** `host:port`. */
  origin: string;
  /** Connections open. */
  connected: number;
  /** Connections open and not busy. */
  free: number;
  /** Requests not yet written to a connection (the pool's queue and each connection's own queue). */
  pending: number;
  /** Requests in the pool's queue, waiting for a connection that is not busy. */
  queued: number;
  /** Requests written and awaiting or streaming their response. */
  running: number;
  /** `pending + running`. */
  size: number;
}

export interface UndiciSection {
  /**
   * One entry per dispatcher × origin: `inUse` = connected − free, `idle` = free, `queued` = pending,
   * `maxSockets` = the pool's `connections` (null when unlimited; 1 for a lone Client), `keepAlive` true.
   */
  pools: PoolOrigin[];
  /** The same origins with undici's raw figures, in the same order. */
  stats: UndiciOriginStats[];
  /** Dispatchers seen since the start and still alive (including agents whose pools are listed). */
  dispatchers: number;
  /** Since the collector started (monotonic): requests created, connections made, connect errors by code. */
  totals: { requests: number; connects: number; connectErrors: Record<string, number> };
}

/** The undici section of `snapshot`, or undefined when the collector was off or the shape is foreign. */
export function readUndiciSection(snapshot: AgentSnapshot): UndiciSection | undefined {
  const section = snapshot.extensions?.[UNDICI_SECTION_KEY] as Partial<UndiciSection> | undefined;
  if (!section || !isObjectArray(section.pools) || !isObjectArray(section.stats)) return undefined;
  return section as UndiciSection;
}

// Sections come from files, and files can be damaged: a section with a malformed entry is left out whole.
function isObjectArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'object' && entry !== null);
}
