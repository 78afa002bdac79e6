/**
 * A recording's heap snapshots (`record --retainers`): the first one, taken at the start, is reduced to
 * its census (ids and totals by kind) at once; every later one is compared with it and dropped, so the
 * recorder holds at most one snapshot's graph at a time. V8 keeps an object's id across snapshots as
 * long as the inspector's heap profiler stays enabled, so the tracker's snapshots must all be taken
 * before the allocation sampler's `HeapProfiler.disable` (which clears the ids).
 */
import { censusOf, type HeapCensus } from '../../core/retainers/heap-census';
import { heapGrowth, type HeapGrowth } from '../../core/retainers/heap-growth';
import type { InspectorSession } from '../inspector/inspector-session';
import { agentScriptIds } from './agent-script-ids';
import { takeHeapSnapshot } from './take-heap-snapshot';

export interface HeapGrowthTracker {
  /** The connection the first snapshot was taken on: ids are only comparable on it. */
  readonly session: InspectorSession;
  /** How long the first snapshot stopped the target, ms. */
  readonly firstPauseMs: number;
  /** Takes a snapshot now and returns what grew since the first. */
  compare(): Promise<HeapGrowth>;
}

/**
 * Takes the first snapshot. `keepAs(n)` names the file the n-th snapshot (1-based) is also written
 * to; unset, none is kept.
 */
export async function startHeapGrowthTracker(
  session: InspectorSession,
  keepAs?: (n: number) => string,
): Promise<HeapGrowthTracker> {
  let taken = 1;
  const first = await takeHeapSnapshot(session, keepAs?.(taken));
  const census: HeapCensus = censusOf(first.graph);
  const firstTotals = { time: first.time, pauseMs: first.pauseMs };
  return {
    session,
    firstPauseMs: first.pauseMs,
    async compare() {
      const agentScripts = await agentScriptIds(session).catch(() => new Set<number>());
      const last = await takeHeapSnapshot(session, keepAs?.(++taken));
      const lastTotals = { time: last.time, pauseMs: last.pauseMs };
      return heapGrowth(census, firstTotals, last.graph, lastTotals, agentScripts);
    },
  };
}
