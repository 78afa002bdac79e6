/**
 * One pending promise chain as text, the way Go's `goroutine?debug=2` prints a goroutine: the group it
 * belongs to, then its links from the outermost (nobody awaits it) to the innermost (what everything
 * waits for), each with its age and creation stack, then what the innermost link waits on.
 */
import { formatFrame } from '../frame';
import { waitLabel } from './group-chains';
import type { PromiseChain } from './promise-section';

/** The text block of one chain; `\n`-separated lines, no trailing newline. */
export function renderChain(chain: PromiseChain): string {
  const count = chain.links.length;
  const lines = [`chain @ ${chain.groupId}  ${count} link${count === 1 ? '' : 's'}, outer → inner`];
  chain.links.forEach((link, index) => {
    lines.push(`  ${index + 1}. ${link.kind}  age ${seconds(link.ageMs)}`);
    if (link.frames.length === 0) lines.push('\t(creation stack not sampled)');
    else lines.push(...link.frames.map((frame) => `\t${formatFrame(frame)}`));
  });
  lines.push(`  waits on ${waitLabel(chain.wait)}`);
  return lines.join('\n');
}

/** Ages as the goroutine dump prints them: `3.2s` under 10 s, whole seconds above. */
function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)}s` : `${(ms / 1000).toFixed(1)}s`;
}
