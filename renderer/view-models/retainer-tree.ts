/**
 * The Allocations view's retainer tree: the holders of a heap's growth, each opening onto its path from
 * the roots and the objects it holds by kind (holder → held). Rows in display order, for a flat table.
 */
import type { HeapGrowth } from '../../core/retainers/heap-growth';
import { holderLabel, holderPathText } from '../../core/retainers/holder-text';
import { formatBytes } from '../../core/units/bytes';

export interface RetainerRow {
  /** Stable within one growth: `h3` for the fourth holder, `h3.k1` for its second kind. */
  id: string;
  /** 0 for a holder, 1 for what it holds. */
  depth: 0 | 1;
  label: string;
  /** A holder's path from the roots; a held kind's count. */
  detail: string;
  /** New objects, count and bytes. */
  count: number;
  bytes: number;
  /** Bytes per second between the snapshots. */
  bytesPerSecond: number;
  expandable: boolean;
}

export function retainerTreeRows(growth: HeapGrowth, expanded: ReadonlySet<string>): RetainerRow[] {
  const spanS = Math.max(0.001, (growth.last.time - growth.first.time) / 1000);
  return growth.holders.flatMap((holder, i) => {
    const id = `h${i}`;
    const row: RetainerRow = {
      id,
      depth: 0,
      label: holderLabel(holder),
      detail: holderPathText(holder),
      count: holder.count,
      bytes: holder.bytes,
      bytesPerSecond: holder.bytes / spanS,
      expandable: holder.kinds.length > 0,
    };
    if (!expanded.has(id)) return [row];
    return [
      row,
      ...holder.kinds.map((kind, k): RetainerRow => ({
        id: `${id}.k${k}`,
        depth: 1,
        label: kind.kind,
        detail: `${kind.count.toLocaleString('en-US')} new`,
        count: kind.count,
        bytes: kind.bytes,
        bytesPerSecond: kind.bytes / spanS,
        expandable: false,
      })),
    ];
  });
}

/** One line over the tree: how much the heap grew between the snapshots and what pausing them cost. */
export function heapGrowthHeadline(growth: HeapGrowth): string {
  const spanS = (growth.last.time - growth.first.time) / 1000;
  const grew = growth.last.bytes - growth.first.bytes;
  const pauses = [growth.first.pauseMs, growth.last.pauseMs].filter((ms) => ms !== undefined);
  return (
    `Between heap snapshots ${spanS.toFixed(1)} s apart the heap's objects went from ${formatBytes(growth.first.bytes)} ` +
    `to ${formatBytes(growth.last.bytes)} (${grew >= 0 ? '+' : '−'}${formatBytes(Math.abs(grew))}); ` +
    `${growth.newCount.toLocaleString('en-US')} new objects are held as below.` +
    (pauses.length
      ? ` Each snapshot paused the service ${pauses.map((ms) => `${ms} ms`).join(' and ')}.`
      : '')
  );
}

/** The growth of the sessions shown (the first that has one: a part, or the main process). */
export function heapGrowthOf(sessions: readonly { heapGrowth?: HeapGrowth[] }[]): HeapGrowth | null {
  for (const session of sessions) {
    const last = session.heapGrowth?.at(-1);
    if (last) return last;
  }
  return null;
}
