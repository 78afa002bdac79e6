/** The promise collector in real Node processes (18, 20, 22, 24), on targets whose chains are known. */
import { describe, expect, it } from 'vitest';
import type { ChainGroup, PromiseChain, PromiseSection, WaitKind } from '../../core/chains/promise-section';
import { nodeFor, runTarget } from './run-target';

interface Output {
  section: PromiseSection;
  chains: (PromiseChain | null)[];
  dropped: Record<string, number>;
}

const groupAt = (section: PromiseSection, functionName: string): ChainGroup | undefined =>
  section.groups.find((group) => group.frames[0]?.functionName === functionName);
const waitsOf = (group: ChainGroup | undefined): WaitKind[] => group?.waits.map((w) => w.reason.kind) ?? [];
const names = (chain: PromiseChain | null | undefined): string[] =>
  chain?.links.map((link) => link.frames[0]?.functionName ?? '-') ?? [];
const totalWaiting = (section: PromiseSection, kind: WaitKind): number =>
  section.groups.flatMap((g) => g.waits).reduce((n, w) => n + (w.reason.kind === kind ? w.count : 0), 0);

describe.each([18, 20, 22, 24])('promise collector on Node %i', (major) => {
  const node = nodeFor(major);

  it.runIf(node)(
    'groups constructed chains by outermost site with their wait reasons (CommonJS)',
    async () => {
      const { section, chains } = await runTarget<Output>(node!, 'scenarios.cjs');
      expect(section.counts.pending).toBe(section.counts.created - section.counts.settled);
      expect(section.counts.settled).toBeGreaterThan(0); // settled from an event, from timers

      const forever = groupAt(section, 'waitForever');
      expect(forever?.count).toBe(4);
      expect(waitsOf(forever)).toEqual(['none']);
      expect(forever?.frames[0]?.url).toMatch(/scenarios\.cjs$/);
      expect(forever?.frames[0]?.line).toBe(27);

      const timers = groupAt(section, 'waitTimer');
      expect(timers?.count).toBe(2);
      expect(waitsOf(timers)).toEqual(['timer']);
      expect(timers!.ageMaxMs).toBeGreaterThanOrEqual(300);

      // Three connects to a listener that never accepts, three functions deep, through `.catch`.
      expect(totalWaiting(section, 'socket-connect')).toBe(3);
      const connectChain = chains.find((chain) => names(chain).includes('openSocket'));
      expect(names(connectChain).filter((n) => n !== '-')).toEqual(
        expect.arrayContaining(['handleConnect', 'callService', 'openSocket']),
      );
      const order = names(connectChain);
      expect(order.indexOf('handleConnect')).toBeLessThan(order.indexOf('callService'));
      expect(order.indexOf('callService')).toBeLessThan(order.indexOf('openSocket'));
      expect(connectChain?.wait.kind).toBe('socket-connect');

      // Promise.all of a request queued for the agent's one socket and a timer.
      const all = groupAt(section, 'fetchAll');
      expect(all?.count).toBe(2);
      expect(waitsOf(all)).toEqual(expect.arrayContaining(['pool-queue', 'timer']));
      expect(waitsOf(groupAt(section, 'fetchQueued'))).toEqual(['socket-read']);

      expect(totalWaiting(section, 'file')).toBe(1);
      expect(waitsOf(groupAt(section, 'thenChain'))).toEqual(['none']);
      expect(groupAt(section, 'thenChain')?.maxDepth).toBe(3);
      expect(waitsOf(groupAt(section, 'iterate'))).toEqual(['timer']);
      expect(groupAt(section, 'settledByEvent')).toBeUndefined();
    },
  );

  it.runIf(node)('follows an await chain three deep in an ES module', async () => {
    const { section, chains } = await runTarget<Output>(node!, 'await-chain.mjs');
    const outer = groupAt(section, 'outerStep');
    expect(outer?.count).toBe(5);
    expect(waitsOf(outer)).toEqual(['timer']);
    expect(outer?.frames[0]?.url).toMatch(/^file:.*await-chain\.mjs$/);
    const chain = chains[section.groups.indexOf(outer!)];
    expect(names(chain).filter((n) => n !== '-')).toEqual(['outerStep', 'middleStep', 'innerSleep']);
    expect(groupAt(section, 'neverDone')?.count).toBe(2);
  });
});

describe('promise collector stack budget', () => {
  it('refills the stack budget with hooks-on time, not only at collections', async () => {
    const { section, started } = await runTarget<{ section: PromiseSection; started: number }>(
      process.execPath,
      'steady-leak.cjs',
    );
    // One collection after 2 s: a budget refilled only there would have named 50 of the 80 chains.
    const named = section.groups.filter((group) => group.frames[0]?.functionName === 'leakOne');
    expect(named.reduce((sum, group) => sum + group.count, 0)).toBe(started);
    expect(section.groups.find((group) => group.id === 'unsampled')).toBeUndefined();
  });
});

describe('promise collector memory', () => {
  it('keeps 1,000,000 never-settling promises within 64 MB extra, counts right, drops reported', async () => {
    const node = nodeFor(20) ?? process.execPath;
    type Result = {
      grown: number;
      summary?: { counts: PromiseSection['counts'] };
      dropped?: Record<string, number>;
    };
    const base = await runTarget<Result>(node, 'million-pending.cjs', { WITH_COLLECTOR: '0' }, [
      '--expose-gc',
    ]);
    const withCollector = await runTarget<Result>(node, 'million-pending.cjs', { WITH_COLLECTOR: '1' }, [
      '--expose-gc',
    ]);
    const extra = withCollector.grown - base.grown;
    expect(extra).toBeLessThan(64 * 1024 * 1024);
    expect(withCollector.summary?.counts.pending).toBeGreaterThanOrEqual(1_000_000);
    expect(withCollector.summary?.counts.pendingWithoutDetail).toBeGreaterThan(0);
    expect(withCollector.dropped?.['promises.slots']).toBe(
      withCollector.summary?.counts.pendingWithoutDetail,
    );
  });
});

it('ends a calm window at the next turn when a burst of promises arrives', async () => {
  // Hooks stay on while the service is idle; load arriving then must not pay a whole window of them.
  const result = await runTarget<{ calm: boolean; activeAfterBurst: boolean }>(
    process.execPath,
    'idle-then-burst.cjs',
  );
  expect(result.calm).toBe(true);
  expect(result.activeAfterBurst).toBe(false);
});
