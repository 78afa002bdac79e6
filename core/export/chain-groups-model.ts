/**
 * Pending promise chains as a profile model, the way Go's goroutine profile counts goroutines per stack:
 * each group's creation stack is a call stack whose value is the number of chains pending there.
 */
import type { ChainGroup, PromiseSection } from '../chains/promise-section';
import type { ProfileModel, ValueType } from '../profile/profile-model';
import { StackTreeBuilder } from '../profile/stack-tree-builder';
import type { Session } from '../session/session';

/** The one value type of a chains model: pending chains, a count. */
export const CHAIN_VALUE_TYPES: readonly ValueType[] = [{ name: 'chains', unit: 'count' }];

/** Stands in for the stack of a group whose creation stack was not sampled. */
const NO_STACK = { functionName: '(no stack sampled)', url: '', line: 0, column: 0 };

/** A group as the export needs it: `frames` innermost first, `count` pending chains. */
export type StackCount = Pick<ChainGroup, 'frames' | 'count'>;

/** The model of `groups`: one stack per group (root first in the tree), valued by its pending count. */
export function chainGroupsModel(groups: readonly StackCount[]): ProfileModel {
  const builder = new StackTreeBuilder(CHAIN_VALUE_TYPES);
  for (const group of groups) {
    const stack = group.frames.length > 0 ? group.frames : [NO_STACK];
    // Stacks are innermost first; the tree grows from the outermost frame.
    const rootFirst = [...stack]
      .reverse()
      .map(({ functionName, url, line, column }) => builder.intern({ functionName, url, line, column }));
    builder.addStack(rootFirst, [group.count]);
  }
  return builder.build('folded');
}

/**
 * The chain groups of the snapshot with the most pending chains (the worst moment of the session, as a
 * goroutine dump taken then would show it); null when no snapshot carries a promises section.
 */
export function peakChainGroups(session: Session): ChainGroup[] | null {
  let best: PromiseSection | null = null;
  for (const snapshot of session.snapshots) {
    const section = snapshot.extensions?.['promises'];
    if (!isPromiseSection(section)) continue;
    if (!best || section.chains > best.chains) best = section;
  }
  return best ? best.groups : null;
}

// Extensions are untyped in the snapshot contract: check the fields this module reads.
function isPromiseSection(value: unknown): value is PromiseSection {
  if (typeof value !== 'object' || value === null) return false;
  const section = value as Partial<PromiseSection>;
  return (
    typeof section.chains === 'number' &&
    Array.isArray(section.groups) &&
    section.groups.every((g) => Array.isArray(g?.frames) && typeof g?.count === 'number')
  );
}
