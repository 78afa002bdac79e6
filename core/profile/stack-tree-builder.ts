/**
 * Builds a model from stacks (speedscope and pprof samples, folded lines, chain groups): each stack, root
 * first, adds its values to its leaf; a path seen before reuses its node, so memory follows distinct paths,
 * not samples.
 */
import { assembleTree, freezeModel } from './assemble-model';
import { FrameTable, type FrameInput } from './frame-table';
import type { ProfileModel, ValueType } from './profile-model';

export class StackTreeBuilder {
  readonly frames = new FrameTable();
  private readonly parent: number[] = [];
  private readonly frame: number[] = [];
  private readonly self: number[][];
  private readonly childOf = new Map<string, number>();

  constructor(private readonly valueTypes: readonly ValueType[]) {
    this.self = valueTypes.map(() => []);
  }

  /** Interns a frame; the index is what `addStack` takes. */
  intern(frame: FrameInput): number {
    return this.frames.intern(frame);
  }

  /** Adds `values` (one per value type, in its unit) to the node of `stack` (frame indices, root first). */
  addStack(stack: readonly number[], values: readonly number[]): void {
    if (stack.length === 0) return;
    let node = -1;
    for (const f of stack) {
      const key = `${node}:${f}`;
      let child = this.childOf.get(key);
      if (child === undefined) {
        child = this.parent.length;
        this.childOf.set(key, child);
        this.parent.push(node);
        this.frame.push(f);
        for (const column of this.self) column.push(0);
      }
      node = child;
    }
    this.self.forEach((column, v) => (column[node]! += values[v] ?? 0));
  }

  /** The model of the stacks added so far. */
  build(
    kind: ProfileModel['kind'],
    extra: Pick<ProfileModel, 'durationUs' | 'samplingInterval'> = {},
  ): ProfileModel {
    const tree = assembleTree(
      {
        parent: Int32Array.from(this.parent),
        frame: Int32Array.from(this.frame),
        self: this.self.map((column) => Float64Array.from(column)),
      },
      this.frames.frames,
    );
    return freezeModel({
      kind,
      frames: this.frames.frames,
      nodes: tree.nodes,
      valueTypes: this.valueTypes.map((type) => ({ ...type })),
      roots: tree.roots,
      ...extra,
    });
  }
}
