// `hyperscope record --ring` end to end against the demo service: the file keeps about the last span,
// SIGUSR2 mid-way writes a second file and the recording goes on, and both read and validate.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../main/session/read-session-file';
import { demoCommand, reportJson, startCli, waitForOutput } from './support/cli';
import { sessionRecordValidator } from './support/session-schema';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-ring-record-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectValid(path: string): void {
  const validate = sessionRecordValidator();
  for (const line of readFileSync(path, 'utf8').trim().split('\n'))
    expect(validate(JSON.parse(line)), `${line.slice(0, 200)}\n${JSON.stringify(validate.errors)}`).toBe(
      true,
    );
}

describe('hyperscope record --ring', () => {
  it('keeps the last span of a longer recording, and SIGUSR2 saves it mid-way', async () => {
    const output = join(dir, 'ring.hyperscope');
    const run = startCli([
      'record',
      '--ring',
      '10s',
      '--duration',
      '25s',
      '--interval',
      '500ms',
      '-o',
      output,
      ...demoCommand('healthy'),
    ]);
    await waitForOutput(run.output, (o) => o.stderr.includes('hyperscope: recording pid'));
    // While it records, the output holds the header and a note naming the segments' directory.
    const note = JSON.parse(readFileSync(output, 'utf8').split('\n')[1]!) as { message: string };
    const segments = /segments are in (\S+) until/.exec(note.message)![1]!;
    expect(existsSync(segments)).toBe(true);

    // Past the span, ask for the ring now (the signal goes to the CLI's own node process).
    await new Promise((resolve) => setTimeout(resolve, 13_000));
    run.child.kill('SIGUSR2');
    await waitForOutput(run.output, (o) => /still recording/.test(o.stderr));
    const snapshot = /saved the last .* to (\S+); still recording/.exec(run.output.stderr)![1]!;
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^saved the last [\d.]+ s of 2\d s \(\d+ samples in all\) in /m);
    expect(existsSync(segments)).toBe(false);

    expectValid(output);
    const session = await readSessionFile(output);
    const ring = session.header.ring!;
    expect(ring.spanMs).toBe(10_000);
    expect(session.end?.reason).toBe('duration');
    // The first snapshot is late: the first ~13 s were dropped.
    expect(session.snapshots[0]!.time - ring.recordingStartedAt).toBeGreaterThan(8_000);
    const report = await reportJson(output);
    expect(report.durationMs).toBeGreaterThanOrEqual(9_000);
    expect(report.durationMs).toBeLessThan(15_000);
    expect(session.cpuProfiles.length).toBeGreaterThanOrEqual(1);
    expect(session.warnings).toEqual([]);

    expectValid(snapshot);
    const early = await readSessionFile(snapshot);
    expect(early.end).toBeNull();
    expect(early.header.ring?.recordingStartedAt).toBe(ring.recordingStartedAt);
    expect(early.snapshots.length).toBeGreaterThanOrEqual(10);
    expect(early.snapshots.at(-1)!.time).toBeLessThan(session.snapshots.at(-1)!.time - 5_000);
  });
});
