// `hyperscope record` end to end against real Node processes: launch, kill -9 of either side, bad input.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCommand, runCli, startCli } from './support/cli';
import { killPid } from './support/node-target';
import { errorLines, headerPid, waitForSnapshots } from './support/session-file';
import { readSessionFile } from '../main/session/read-session-file';
import { sessionRecordValidator } from './support/session-schema';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-record-'));
const pidsToKill: number[] = [];
afterAll(() => pidsToKill.forEach(killPid));

describe('hyperscope record', () => {
  it('launches a command, records for --duration, stops the child and writes a valid file', async () => {
    const output = join(dir, 'launch.hyperscope');
    const result = await runCli([
      'record',
      '--duration',
      '4s',
      '--interval',
      '500ms',
      '-o',
      output,
      ...demoCommand('healthy'),
    ]);
    expect(result.stderr).not.toMatch(/hyperscope record:/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^saved \d+ samples/m);
    const validate = sessionRecordValidator();
    for (const line of readFileSync(output, 'utf8').trim().split('\n')) {
      expect(validate(JSON.parse(line)), `${line.slice(0, 200)}\n${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
    }
    const session = await readSessionFile(output);
    expect(session.snapshots.length).toBeGreaterThanOrEqual(5);
    expect(session.end?.reason).toBe('duration');
    expect(session.cpuProfiles.length).toBeGreaterThanOrEqual(1);
    expect(session.allocProfiles.length).toBeGreaterThanOrEqual(1);
    // The launched child was stopped with the recording.
    expect(() => process.kill(session.header.target.pid, 0)).toThrow();
  });

  it('leaves a readable file when the recorder is killed with SIGKILL', async () => {
    const output = join(dir, 'recorder-killed.hyperscope');
    const run = startCli(['record', '--interval', '300ms', '-o', output, ...demoCommand('healthy')]);
    await waitForSnapshots(output, 4);
    const pid = headerPid(output);
    pidsToKill.push(pid);
    run.child.kill('SIGKILL');
    await run.done;
    const session = await readSessionFile(output);
    expect(session.snapshots.length).toBeGreaterThanOrEqual(3);
    expect(session.end).toBeNull();
  });

  it('keeps what was recorded and says so in one line when the target is killed', async () => {
    const output = join(dir, 'target-killed.hyperscope');
    const run = startCli(['record', '--interval', '300ms', '-o', output, ...demoCommand('healthy')]);
    await waitForSnapshots(output, 3);
    const pid = headerPid(output);
    process.kill(pid, 'SIGKILL');
    const result = await run.done;
    expect(result.code).not.toBe(0);
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`pid ${pid}\\) exited \\(killed by SIGKILL\\); kept \\d+ samples`));
    const session = await readSessionFile(output);
    expect(session.end?.reason).toBe('target-exited');
    expect(session.snapshots.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    [['--pid', '999999999'], /no such process/i],
    [['--pid', 'abc'], /--pid needs a process id/],
    [[], /say what to record/],
    [['--pid', '1', '--duration', 'forever'], /--duration needs a duration/],
    [['--url', '10.1.2.3:9229'], /--allow-remote/],
    [['--url', '127.0.0.1:1'], /cannot reach/i],
  ])('rejects %j with one clear line', async (args, message) => {
    const result = await runCli(['record', ...args], { timeoutMs: 20_000 });
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
