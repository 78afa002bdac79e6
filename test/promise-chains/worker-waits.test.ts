/**
 * Chains waiting on replies over `postMessage` (worker-replies.cjs): requests handed to a worker thread
 * by message, a worker that exited, a worker made for one job, a BroadcastChannel. Each is named by what
 * it waits on — the thread's id and script — never "nothing seen", whether `worker_threads` was loaded
 * before the collector started (patched at once) or after (patched when the first Worker is made).
 */
import { describe, expect, it } from 'vitest';
import type { ChainGroup, PromiseChain, PromiseSection } from '../../core/chains/promise-section';
import { nodeFor, runTarget } from './run-target';

interface Output {
  section: PromiseSection;
  chains: (PromiseChain | null)[];
}

/** `kind detail ×count` of every wait of the groups whose outermost link was created in `fn`. */
function waitsOf(section: PromiseSection, fn: string): string[] {
  return section.groups
    .filter((group: ChainGroup) => group.frames[0]?.functionName === fn)
    .flatMap((group) => group.waits.map((w) => `${w.reason.kind} ${w.reason.detail} ×${w.count}`));
}

describe.each([20, 22, 24, 26])('chains waiting on worker threads, Node %i', (major) => {
  const node = nodeFor(major);

  it.runIf(node).each(['0', '1'])(
    'names the thread each chain waits on (workers made first: %s)',
    async (first) => {
      const { section, chains } = await runTarget<Output>(node!, 'worker-replies.cjs', {
        WORKERS_FIRST: first,
      });
      expect(waitsOf(section, 'quotePrice')).toEqual([
        'worker worker thread 1 "pricing" (worker-replies-thread.cjs) ×6',
      ]);
      expect(waitsOf(section, 'askDoomed')).toEqual([
        'worker worker thread 2 (worker-replies-thread.cjs), exited ×2',
      ]);
      expect(waitsOf(section, 'resizeImage')).toEqual([
        'worker worker thread 3 (worker-replies-thread.cjs) ×1',
      ]);
      expect(waitsOf(section, 'waitForChannel')).toEqual(['worker BroadcastChannel inventory ×1']);
      // The chain of a quote, outer → inner (links with a sampled stack): it waits in `ask`, on the pricing thread.
      const quote =
        chains[section.groups.findIndex((group) => group.frames[0]?.functionName === 'quotePrice')];
      expect(quote?.links.flatMap((link) => link.frames[0]?.functionName ?? [])).toEqual([
        'quotePrice',
        'ask',
      ]);
      expect(quote?.wait.detail).toBe('worker thread 1 "pricing" (worker-replies-thread.cjs)');
    },
  );
});
