/**
 * The Sessions view's differential flame graph: the comparison's merged CPU tree laid out like any flame
 * graph (width = this session's time, vanished stacks at their base width) and coloured by change.
 */
import { deltaColoring, DRAWN, flameDiffModel, type DeltaColoring } from '../../core/diff/flame-diff-model';
import type { FlameDiff } from '../../core/diff/flame-diff';
import { layoutFlame, type FlameLayout, type FlameOrder } from '../../core/profile/flame-layout';

export interface FlameDiffView {
  layout: FlameLayout;
  /** Fill and tooltip line per node, for the theme asked for. */
  delta: DeltaColoring;
}

export function flameDiffView(
  diff: FlameDiff,
  dark: boolean,
  order: FlameOrder = 'alphabetical',
): FlameDiffView {
  const drawable = flameDiffModel(diff);
  return { layout: layoutFlame(drawable.model, DRAWN, order), delta: deltaColoring(drawable, dark) };
}
