/**
 * Heap growth in original sources: the functions on the holders' paths moved to where a source map
 * puts them (a bundle's line becomes the TypeScript file's), as the session's other frames are
 * (`core/session/remap-session.ts`). Pure; returns new objects.
 */
import { originalFrame, type SourceMaps } from '../profile/source-map';
import type { SourcePosition } from './closure-source';
import type { GrowthHolderSummary, HeapGrowth } from './heap-growth';
import type { RetainerStep } from './retainer-path';

export function remapHeapGrowth(growth: HeapGrowth, maps: SourceMaps): HeapGrowth {
  return { ...growth, holders: growth.holders.map((holder) => remapHolder(holder, maps)) };
}

/** Every script url the holders' paths name. */
export function heapGrowthUrls(growth: Pick<HeapGrowth, 'holders'>): string[] {
  return growth.holders.flatMap((holder) =>
    holder.path.flatMap((step) => (step.source ? [step.source.url] : [])),
  );
}

/** One holder with the functions on its path remapped. */
export function remapHolder(holder: GrowthHolderSummary, maps: SourceMaps): GrowthHolderSummary {
  const source = holder.source && remapPosition(holder.source, maps);
  return {
    ...holder,
    ...(source ? { source } : {}),
    path: holder.path.map((step): RetainerStep => {
      const moved = step.source && remapPosition(step.source, maps);
      return moved ? { ...step, source: moved } : step;
    }),
  };
}

function remapPosition(position: SourcePosition, maps: SourceMaps): SourcePosition | undefined {
  const original = originalFrame({ functionName: '', ...position }, maps);
  return original && { url: original.url, line: original.line, column: original.column };
}
