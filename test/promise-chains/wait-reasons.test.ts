/**
 * Wait reasons without an async resource of their own, on targets whose waits are known: a request body
 * read with `req.on('data'/'end')`, and fetches queued in an undici pool (seen through the undici
 * collector's `dispatch` patch) next to fetches holding its connections.
 */
import { describe, expect, it } from 'vitest';
import type { ChainGroup, PromiseChain, PromiseSection } from '../../core/chains/promise-section';
import { nodeFor, runTarget } from './run-target';

interface Output {
  section: PromiseSection;
  chains: (PromiseChain | null)[];
}

/** Chains by wait reason (`kind detail`) over `groups`. */
function waitCounts(groups: ChainGroup[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { reason, count } of groups.flatMap((group) => group.waits)) {
    const key = reason.detail ? `${reason.kind} ${reason.detail}` : reason.kind;
    counts[key] = (counts[key] ?? 0) + count;
  }
  return counts;
}

const names = (chain: PromiseChain | null | undefined): string[] =>
  chain?.links.map((link) => link.frames[0]?.functionName ?? '-').filter((name) => name !== '-') ?? [];

describe.each([18, 20, 22, 24])('wait reasons on Node %i', (major) => {
  const node = nodeFor(major);

  it.runIf(node)("attributes a body read with req.on('data'/'end') to the incoming request", async () => {
    const { section, chains } = await runTarget<Output>(node!, 'request-body.cjs');
    const uploads = section.groups.filter((group) => group.frames[0]?.functionName === 'handleUpload');
    // The query string is left out: it may hold secrets.
    expect(waitCounts(uploads)).toEqual({ 'stream IncomingMessage POST /upload': 3 });
    expect(names(chains[section.groups.indexOf(uploads[0]!)])).toEqual(['handleUpload', 'readBody']);
  });

  // npm undici 7 needs Node 20.18 or later.
  it.runIf(node && major >= 20)(
    'tells fetches queued in an undici pool from those holding its connections',
    async () => {
      const { section, chains } = await runTarget<Output>(node!, 'undici-queue.cjs');
      const port = /127\.0\.0\.1:\d+/.exec(JSON.stringify(section.groups))?.[0];
      // The service's chains (getProduct awaiting fetch), grouped by where they wait in its code.
      const app = section.groups.filter((group) => group.waitFrames?.[0]?.functionName === 'getProduct');
      expect(waitCounts(app)).toEqual({
        [`pool-queue undici ${port}`]: 4,
        [`socket-read undici ${port}`]: 2,
      });
      const chain = chains[section.groups.indexOf(app[0]!)];
      expect(names(chain)).toContain('getProduct');
      expect(['pool-queue', 'socket-read']).toContain(chain?.wait.kind);
      // Nothing of the fetches is left as "never resolved".
      const fetches = section.groups.filter((group) => JSON.stringify(group).includes('getProduct'));
      expect(waitCounts(fetches)['none']).toBeUndefined();
    },
  );
});
