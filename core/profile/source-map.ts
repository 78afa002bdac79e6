/**
 * Maps generated frames back to original sources with decoded source maps (loading the maps is the
 * Node side's job: `main/profile/load-source-maps.ts`). Pure: takes maps, returns new frames and models.
 */
import { originalPositionFor, type TraceMap } from '@jridgewell/trace-mapping';
import { assembleTree, freezeModel } from './assemble-model';
import { FrameTable, type FrameInput } from './frame-table';
import type { ProfileFrame, ProfileModel } from './profile-model';

/** Decoded source maps keyed by the script url exactly as frames carry it. */
export type SourceMaps = ReadonlyMap<string, TraceMap>;

/**
 * The original place of `frame`: source url (resolved against the map's own url), 1-based line and
 * column, and the map's name for that position when it has one. `undefined` when no map covers it.
 */
export function originalFrame<F extends FrameInput>(frame: F, maps: SourceMaps): F | undefined {
  const map = maps.get(frame.url);
  if (!map || frame.line < 1) return undefined;
  const original = originalPositionFor(map, { line: frame.line, column: Math.max(0, frame.column - 1) });
  if (original.source === null) return undefined;
  return {
    ...frame,
    functionName: original.name ?? frame.functionName,
    url: original.source,
    line: original.line,
    column: original.column + 1,
  };
}

/**
 * A new model whose frames are remapped where a map covers them (others are kept). Frames that land
 * on the same original place are interned once and sibling nodes sharing them are merged.
 */
export function remapModel(model: ProfileModel, maps: SourceMaps): ProfileModel {
  if (maps.size === 0) return model;
  const table = new FrameTable();
  const remappedFrame = model.frames.map((frame: ProfileFrame) => {
    const { category: _category, ...input } = frame;
    return table.intern(originalFrame(input, maps) ?? input);
  });
  const frame = Int32Array.from(model.nodes.frame, (f) => remappedFrame[f]!);
  const tree = assembleTree(
    {
      parent: Int32Array.from(model.nodes.parent),
      frame,
      self: model.nodes.self.map((values) => Float64Array.from(values)),
    },
    table.frames,
  );
  const samples = model.samples && {
    node: Int32Array.from(model.samples.node, (node) => (node < 0 ? -1 : tree.nodeOfSource[node]!)),
    value: model.samples.value,
  };
  return freezeModel({ ...model, frames: table.frames, nodes: tree.nodes, roots: tree.roots, samples });
}
