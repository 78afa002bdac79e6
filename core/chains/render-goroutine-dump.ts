/**
 * Pending promise chains as text, the way Go's `goroutine?debug=1` prints goroutines: one block per
 * group, biggest first, count and ages on the first line, then what it waits on, then where it waits
 * and where its outermost link was created.
 */
import type { Frame } from '../frame';
import { groupChains } from './group-chains';
import type { PromiseSection } from './promise-section';

/** The dump of one section; `maxGroups` blocks at most (the rest are summed in a last line). */
export function renderGoroutineDump(section: PromiseSection, maxGroups = 20): string {
  const groups = groupChains(section);
  const { counts, sampling } = section;
  const lines = [
    `promise chains: ${section.chains} pending in ${groups.length} groups ` +
      `(${counts.pending} promises pending, ${counts.created} created, ${counts.settled} settled; ` +
      `hooks on ${Math.round(sampling.coverage * 100)}% of the time)`,
  ];
  for (const group of groups.slice(0, maxGroups)) {
    lines.push(
      '',
      `${group.count} @ ${group.id}  age p50 ${seconds(group.ageP50Ms)} p99 ${seconds(group.ageP99Ms)} ` +
        `max ${seconds(group.ageMaxMs)}  depth ${group.maxDepth}`,
      ...group.waits.map((wait) => `#\twaits on ${wait.label} ×${wait.count}`),
      ...group.waitFrames.map(frameLine),
      ...(group.waitFrames.length > 0 ? ['#\t… created at'] : []),
      ...(group.frames.length > 0 ? group.frames.map(frameLine) : ['#\t(creation stack not sampled)']),
    );
  }
  const rest = groups.slice(maxGroups).reduce((sum, group) => sum + group.count, 0);
  if (rest > 0) lines.push('', `… ${rest} more chains in ${groups.length - maxGroups} smaller groups`);
  return lines.join('\n');
}

function frameLine(frame: Frame): string {
  return `#\t${frame.functionName || '(anonymous)'}\t${frame.url}:${frame.line}:${frame.column}`;
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)}s` : `${(ms / 1000).toFixed(1)}s`;
}
