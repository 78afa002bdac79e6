// `hyperscope demo` through the built CLI bundle, as a launcher or the recorder starts it: a plain child
// process that prints one line, serves, leaks under its built-in load, and stops cleanly on SIGINT.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../test/support/cli';
import { ensureNodeBundles } from '../test/support/node-bundles';
import { scenarioNames } from './scenarios';
import { descriptorsOf, timedCall } from './test-support/measure';

const FIRST_LINE = /^hyperscope demo: (\S+) on (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+)\)\n/;

beforeAll(() => ensureNodeBundles());

/** Runs the bundle with `args`; `exited` resolves with its code, output is collected as it comes. */
function runDemoCli(args: string[]) {
  const { child, output, done } = startCli(['demo', ...args]);
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const exited = done.then(({ code }) => {
    clearTimeout(killer);
    return code;
  });
  return { child, output, exited };
}

async function firstLine(output: { stdout: string; stderr: string }): Promise<RegExpMatchArray> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    const match = FIRST_LINE.exec(output.stdout);
    if (match) return match;
    await sleep(25);
  }
  throw new Error(`no first line; stderr: ${output.stderr}`);
}

describe('hyperscope demo (built bundle)', () => {
  it('prints its address, serves, leaks under --load, and exits 0 on SIGINT', async () => {
    const run = runDemoCli(['--scenario', 'fd-exhaustion', '--load']);
    const [, scenario, url, pid] = await firstLine(run.output);
    expect(scenario).toBe('fd-exhaustion');
    expect(Number(pid)).toBe(run.child.pid);
    expect((await timedCall(`${url}/products/3`)).status).toBe(200);
    if (existsSync('/proc/self/fd')) {
      const before = descriptorsOf(run.child.pid!).all;
      await sleep(2_000);
      // The load orders ~5 times a second, each leaving one journal descriptor open.
      expect(descriptorsOf(run.child.pid!).all - before).toBeGreaterThanOrEqual(5);
    }
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.output.stderr).toBe('');
  });

  it('exits 2 with one line naming the valid scenarios for an unknown one', async () => {
    const run = runDemoCli(['--scenario', 'nope']);
    expect(await run.exited).toBe(2);
    expect(run.output.stderr.trim().split('\n')).toHaveLength(1);
    for (const name of scenarioNames()) expect(run.output.stderr).toContain(name);
  });

  it('--list shows every scenario with its description, descriptions in one column', async () => {
    const run = runDemoCli(['--list']);
    expect(await run.exited).toBe(0);
    const lines = run.output.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(scenarioNames());
    // Where each description starts: after the name and at least two spaces, the same for every line.
    const columns = lines.map((line) => /^\S+ {2,}/.exec(line)?.[0].length);
    expect(new Set(columns).size).toBe(1);
    expect(columns[0]).toBeGreaterThan(0);
  });
});
