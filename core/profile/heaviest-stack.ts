/**
 * The heaviest call stack of a CPU profile: from the top, always into the callee with the most total
 * time, until a function spends more time in itself than in any callee. For synchronous work holding
 * the event loop, that is the stack a user reads as "this code, called from there" (the way a Go stack
 * trace reads), rather than a list of the hottest functions from unrelated places.
 */
import type { Frame } from '../frame';
import { plainFrame } from './allocated-retained';
import { childLists } from './assemble-model';
import { isSystemFrame, valueIndexOf, type ProfileModel } from './profile-model';
import { grandTotal, nodeTotals, selfValues } from './totals';

/** At most this many frames: the hot code and its nearest callers. */
const MAX_FRAMES = 16;

/**
 * The heaviest stack, innermost frame first, leaving out frames that are not the service's code
 * ((idle), (program), (garbage collector), (hyperscope agent)); empty when no code ran. Uses time, or
 * sample counts when the profile has no timestamps.
 */
export function heaviestStack(cpuModel: ProfileModel): Frame[] {
  const time = valueIndexOf(cpuModel, 'time');
  const samples = valueIndexOf(cpuModel, 'samples');
  const valueIndex = time >= 0 && grandTotal(cpuModel, time) > 0 ? time : Math.max(0, samples);
  const total = nodeTotals(cpuModel, valueIndex);
  const self = selfValues(cpuModel, valueIndex);
  const children = childLists(cpuModel.nodes.parent);
  const isCode = (node: number): boolean => !isSystemFrame(cpuModel.frames[cpuModel.nodes.frame[node]!]!);
  const heaviest = (nodes: Iterable<number>): number => {
    let best = -1;
    for (const node of nodes) if (isCode(node) && (best < 0 || total[node]! > total[best]!)) best = node;
    return best;
  };

  const path: number[] = [];
  let node = heaviest(cpuModel.roots);
  while (node >= 0 && total[node]! > 0) {
    path.push(node);
    const next = heaviest(children.list.subarray(children.start[node]!, children.end[node]!));
    if (next < 0 || total[next]! < self[node]!) break;
    node = next;
  }
  return path
    .reverse()
    .slice(0, MAX_FRAMES)
    .map((n) => plainFrame(cpuModel.frames[cpuModel.nodes.frame[n]!]!));
}
