/**
 * The UI's live target fetches a group's chain from the recording's agent in a real process: the chain of
 * a group from a streamed snapshot comes back outer → inner.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../core/agent-protocol';
import { promiseSectionOf } from '../core/chains/promise-sections';
import { attachLive } from '../main/bridge/live-target';
import { AWAIT_CHAIN_SCRIPT } from './support/await-chain-script';
import { CLI } from './support/cli';
import { killNodeTargets, startNodeTarget } from './support/node-target';
import { waitFor } from './support/wait-for';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

afterAll(killNodeTargets);

describe('live chain', () => {
  it('asks the recording agent for a group chain, outer → inner', async () => {
    const target = await startNodeTarget(AWAIT_CHAIN_SCRIPT);
    const live = await attachLive(
      { kind: 'pid', pid: target.pid },
      { cliPath: CLI, version: 'test', sessionsDir: mkdtempSync(join(tmpdir(), 'hyperscope-live-chain-')) },
    );
    try {
      let last: AgentSnapshot | null = null;
      const recording = await live.record(
        { intervalMs: 500, cpu: false, heap: false },
        {
          snapshot: (s) => (last = s),
          sourceSnapshot: () => undefined,
          sources: () => undefined,
          finding: () => undefined,
          ended: () => undefined,
        },
      );
      await waitFor(
        () => (last ? (promiseSectionOf(last)?.groups.length ?? 0) > 0 : false),
        10_000,
        () => 'no snapshot with promise groups',
      );
      const group = promiseSectionOf(last!)!.groups[0]!;
      const chain = await recording.chain(group.id);
      expect(chain?.groupId).toBe(group.id);
      const sites = chain!.links.map((link) => link.frames[0]?.functionName).filter(Boolean);
      expect(sites.slice(0, 3)).toEqual(['outer', 'middle', 'inner']);
      expect(await recording.chain('nosuch')).toBeNull();
      await recording.stop();
      await expect(recording.chain(group.id)).rejects.toThrow('the recording has ended');
    } finally {
      await live.detach();
    }
  }, 30_000);
});
