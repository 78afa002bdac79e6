// `hyperscope record --no-promises / --promise-budget / --promise-stacks`: parsed, and passed to the agent
// in a real recording (off: no section in any snapshot; a budget of 100%: hooks on all the time).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promiseSectionOf } from '../../core/chains/promise-sections';
import { UserError } from '../../main/cli/command';
import { parseRecordArgs } from '../../main/cli/parse-record-args';
import { readSessionFile } from '../../main/session/read-session-file';
import { demoCommand, runCli } from '../support/cli';

const parse = (...flags: string[]) => parseRecordArgs([...flags, '--pid', '42']);
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-promise-flags-'));

async function recordHealthy(name: string, ...flags: string[]) {
  const output = join(dir, `${name}.hyperscope`);
  const result = await runCli([
    'record',
    '-q',
    '--duration',
    '3s',
    '--no-cpu',
    '--no-heap',
    ...flags,
    '-o',
    output,
    ...demoCommand('healthy'),
  ]);
  expect(result.code, result.stderr).toBe(0);
  return (await readSessionFile(output)).snapshots;
}

describe('record flags of the promise-chain collector', () => {
  it('leaves the knobs to the agent when absent', () => {
    expect(parse()).toMatchObject({ promises: true, promiseOptions: {} });
  });

  it.each([
    [['--promise-budget', '2%'], { overheadBudget: 0.02 }],
    [['--promise-budget', '0.005'], { overheadBudget: 0.005 }],
    [['--promise-budget', '100%', '--promise-stacks', '50'], { overheadBudget: 1, stacksPerSecond: 50 }],
  ])('reads %j', (flags, options) => {
    expect(parse(...flags).promiseOptions).toEqual(options);
  });

  it.each([
    ['--promise-budget', '0'],
    ['--promise-budget', '150%'],
    ['--promise-budget', 'cheap'],
    ['--promise-stacks', '-1'],
  ])('refuses %s %s with one line', (flag, text) => {
    expect(() => parse(flag, text)).toThrow(UserError);
  });

  it('--no-promises: the agent does not start the collector', async () => {
    const snapshots = await recordHealthy('off', '--no-promises');
    expect(snapshots.length).toBeGreaterThan(1);
    expect(snapshots.map(promiseSectionOf).filter(Boolean)).toEqual([]);
  });

  it('--promise-budget 100%: hooks stay on, every snapshot has the section', async () => {
    const snapshots = await recordHealthy('on', '--promise-budget', '100%');
    const sections = snapshots.map(promiseSectionOf);
    expect(sections.every(Boolean)).toBe(true);
    expect(sections.at(-1)!.sampling.coverage).toBe(1);
    expect(sections.at(-1)!.counts.created).toBeGreaterThan(0);
  });
});
