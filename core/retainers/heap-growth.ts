/**
 * What a recording's heap gained between its first and last snapshot, as a session keeps it: totals,
 * the kinds that grew, and the objects that hold the new ones with their paths from the roots. The
 * snapshots themselves are not kept (a summary is a few KiB; a snapshot is about twice the heap).
 */
import type { SourcePosition } from './closure-source';
import { censusOf, hasId, type HeapCensus, type KindTotal } from './heap-census';
import type { HeapGraph } from './heap-graph';
import { growthHolders, type HeldKind } from './growth-holders';
import { describeNode, formatRetainerPath, shownRetainerPath, type RetainerStep } from './retainer-path';
import { buildRetainerTree } from './retainer-tree';

/** One snapshot's totals. */
export interface HeapSnapshotTotals {
  /** When it was taken, ms since the epoch. */
  time: number;
  /** Objects in it. */
  count: number;
  /** Their own sizes summed, bytes. */
  bytes: number;
  /** How long the target was paused while V8 wrote it, ms (measured by the recorder). */
  pauseMs?: number;
}

/** A kind of object in the first and the last snapshot. */
export interface KindChange {
  kind: string;
  first: KindTotal;
  last: KindTotal;
}

/** An object that holds objects the last snapshot has and the first had not. */
export interface GrowthHolderSummary {
  /** What it is: `Map`, `Array`, `function onTick`. */
  holds: string;
  /** The name the code reaches it by (its variable, property or index); '' when reached from a root. */
  name: string;
  /** The function nearest it on its path that has a source (the scope it is a variable of). */
  source?: SourcePosition;
  /** Its path from the roots, nearest the roots first; `truncated` when steps before were left out. */
  path: RetainerStep[];
  truncated: boolean;
  /** New objects held through it, and their own sizes summed, bytes. */
  count: number;
  bytes: number;
  /** Alike holders merged into this one (same kind, name and path), when more than one. */
  instances?: number;
  /** The same by kind, most bytes first (at most 5). */
  kinds: HeldKind[];
}

export interface HeapGrowth {
  first: HeapSnapshotTotals;
  last: HeapSnapshotTotals;
  /** Objects of the last snapshot the first had not, that a root reaches, and their bytes. */
  newCount: number;
  newBytes: number;
  /** Kinds by how many bytes they grew, most first (at most 20). */
  kinds: KindChange[];
  /** Holders of new objects, most bytes first (at most 10). */
  holders: GrowthHolderSummary[];
}

/** Growth in object count below which the ids are not checked (too few to tell). */
const MIN_COUNT_CHECKED = 1000;

/** The two snapshots' object ids do not tell new objects from old. */
export class SnapshotsNotComparableError extends Error {}

const MAX_KINDS = 20;
const MAX_HOLDERS = 10;
/** Holders considered before alike ones are merged (many small ones may be one kind of holder). */
const MAX_HOLDERS_MERGED = 200;
const MAX_HELD_KINDS = 5;

/** `excludeScripts`: script ids of Hyperscope's agent, whose objects are not the service's growth. */
export function heapGrowth(
  first: HeapCensus,
  firstTotals: Omit<HeapSnapshotTotals, 'count' | 'bytes'>,
  last: HeapGraph,
  lastTotals: Omit<HeapSnapshotTotals, 'count' | 'bytes'>,
  excludeScripts: ReadonlySet<number> = new Set(),
): HeapGrowth {
  const lastCensus = censusOf(last);
  const tree = buildRetainerTree(last);
  const isOld = (id: number): boolean => hasId(first.ids, id);
  const growth = growthHolders(last, tree, isOld, MAX_HOLDERS_MERGED, excludeScripts);
  const grewBy = lastCensus.ids.length - first.ids.length;
  // Every object more than before is a new one: far fewer new ids than that means V8 gave new objects
  // ids the first snapshot had (seen once in CI, Node 20), and nothing can be told from them.
  if (grewBy > MIN_COUNT_CHECKED && growth.allNew < grewBy / 2)
    throw new SnapshotsNotComparableError(
      `the heap snapshots cannot be compared: ${grewBy} objects more, but only ${growth.allNew} with ids the first did not have (V8 reused object ids)`,
    );
  const summaries = growth.holders.map((holder): GrowthHolderSummary => {
    const { steps, truncated } = shownRetainerPath(last, tree, holder.node);
    const source = [...steps].reverse().find((step) => step.source)?.source;
    return {
      ...describeNode(last, holder.node),
      name: steps.at(-1)?.via === 'root' ? '' : (steps.at(-1)?.name ?? ''),
      ...(source ? { source } : {}),
      path: steps,
      truncated,
      count: holder.count,
      bytes: holder.bytes,
      kinds: holder.kinds,
    };
  });
  const holders = mergeAlike(summaries)
    .slice(0, MAX_HOLDERS)
    .map((holder) => ({ ...holder, kinds: holder.kinds.slice(0, MAX_HELD_KINDS) }));
  return {
    first: { ...firstTotals, count: first.ids.length, bytes: first.totalBytes },
    last: { ...lastTotals, count: lastCensus.ids.length, bytes: lastCensus.totalBytes },
    newCount: growth.newCount,
    newBytes: growth.newBytes,
    kinds: kindChanges(first, lastCensus),
    holders,
  };
}

/**
 * Holders that read the same (same kind of object, same name, same path: one per request, per socket,
 * per module) as one, with `instances`, so that many small alike holders rank by what they hold together.
 */
function mergeAlike(holders: readonly GrowthHolderSummary[]): GrowthHolderSummary[] {
  const byKey = new Map<string, GrowthHolderSummary>();
  for (const holder of holders) {
    const key = `${holder.holds}\u0000${holder.name}\u0000${formatRetainerPath(holder.path, holder.truncated)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, holder);
      continue;
    }
    const kinds = new Map(seen.kinds.map((kind) => [kind.kind, { ...kind }]));
    for (const kind of holder.kinds) {
      const same = kinds.get(kind.kind);
      if (same) {
        same.count += kind.count;
        same.bytes += kind.bytes;
      } else kinds.set(kind.kind, { ...kind });
    }
    byKey.set(key, {
      ...seen,
      instances: (seen.instances ?? 1) + 1,
      count: seen.count + holder.count,
      bytes: seen.bytes + holder.bytes,
      kinds: [...kinds.values()].sort((a, b) => b.bytes - a.bytes),
    });
  }
  return [...byKey.values()].sort((a, b) => b.bytes - a.bytes);
}

function kindChanges(first: HeapCensus, last: HeapCensus): KindChange[] {
  const none: KindTotal = { count: 0, bytes: 0 };
  const kinds = new Set([...first.kinds.keys(), ...last.kinds.keys()]);
  return [...kinds]
    .map((kind) => ({ kind, first: first.kinds.get(kind) ?? none, last: last.kinds.get(kind) ?? none }))
    .sort((a, b) => b.last.bytes - b.first.bytes - (a.last.bytes - a.first.bytes))
    .slice(0, MAX_KINDS);
}
