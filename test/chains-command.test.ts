/**
 * `hyperscope chains` against a real target whose promises are awaited three functions deep on one that
 * never resolves: the chain comes out outer → inner with the script's lines, and the target is left
 * as it was (no agent, inspector closed again). Needs `npm run build:node`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AWAIT_CHAIN_SCRIPT } from './support/await-chain-script';
import { runCli } from './support/cli';
import { isAlive, killNodeTargets, startNodeTarget, type NodeTarget } from './support/node-target';
import { waitFor } from './support/wait-for';

afterAll(killNodeTargets);

/** Asks the target (SIGUSR2) whether an agent is installed and its inspector open. */
async function stateOf(target: NodeTarget): Promise<string> {
  const before = target.output.stdout.length;
  process.kill(target.pid, 'SIGUSR2');
  let line = '';
  await waitFor(
    () => {
      line = /state [^\n]*/.exec(target.output.stdout.slice(before))?.[0] ?? '';
      return line !== '';
    },
    5_000,
    () => `no state line; stdout:\n${target.output.stdout}`,
  );
  return line;
}

describe('hyperscope chains', () => {
  it('prints the chain outer → inner with the script lines and leaves no agent behind', async () => {
    const target = await startNodeTarget(AWAIT_CHAIN_SCRIPT);
    const result = await runCli(['chains', '--pid', String(target.pid), '--wait', '2s'], {
      timeoutMs: 20_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('invisible');
    const chain = result.stdout.slice(result.stdout.indexOf('chain @'));
    // Each link's creation site: the async function's own line (its promise is created on entry).
    const place = (fn: string, line: number): number =>
      chain.search(new RegExp(`${fn} \\([^)]*target\\.cjs:${line}:`));
    const outer = place('outer', 7);
    const middle = place('middle', 4);
    const inner = place('inner', 1);
    expect(outer).toBeGreaterThan(0);
    expect(middle).toBeGreaterThan(outer);
    expect(inner).toBeGreaterThan(middle);
    expect(chain).toMatch(/inner \([^)]*target\.cjs:2:9\)/);
    expect(chain).toMatch(/waits on /);
    expect(isAlive(target.pid)).toBe(true);
    expect(await stateOf(target)).toBe('state agent=absent inspector=closed');
  }, 30_000);

  it('--json parses and --group nosuch says so in one line', async () => {
    const target = await startNodeTarget(AWAIT_CHAIN_SCRIPT);
    const json = await runCli(['chains', '--pid', String(target.pid), '--wait', '1s', '--json'], {
      timeoutMs: 20_000,
    });
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      schema: string;
      target: { pid: number };
      groups: { id: string }[];
      chains: { groupId: string; links: { frames: { functionName: string }[] }[] }[];
    };
    expect(parsed.schema).toBe('hyperscope.chains/1');
    expect(parsed.target.pid).toBe(target.pid);
    expect(parsed.chains[0]?.groupId).toBe(parsed.groups[0]?.id);
    expect(parsed.chains[0]?.links[0]?.frames[0]?.functionName).toBe('outer');

    const missing = await runCli(
      ['chains', '--pid', String(target.pid), '--wait', '0s', '--group', 'nosuch'],
      {
        timeoutMs: 20_000,
      },
    );
    expect(missing.code).toBe(1);
    expect(
      missing.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('hyperscope chains')),
    ).toEqual([expect.stringMatching(/^hyperscope chains: no group "nosuch" among the \d+ pending groups/)]);
    expect(await stateOf(target)).toBe('state agent=absent inspector=closed');
  }, 30_000);
});
