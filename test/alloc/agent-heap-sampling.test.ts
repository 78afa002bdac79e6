// Allocation sampling driven by the agent (`v8.startHeapProfile`, Node 26+) against the inspector's: the
// same known-sizes target recorded on Node 26 and on Node 22, with V8's --trace-gc on, so the GCs the
// recording forced are counted by their reason. The inspector's sampler runs a full GC every time a
// window is read ("sampling profiler"); the agent's runs none while recording, and forces one ("heap
// profiler") only at the end of a recording none of whose windows saw a full GC of the service's own. The
// still-alive view stays right: what the target keeps survives, its garbage does not.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { siteStatsOf } from '../../core/findings/alloc-site-stats';
import { sessionProfiles } from '../../core/profile/session-profiles';
import { launchTarget } from '../../main/inspector/launch';
import { startRecording } from '../../main/recorder/recorder';
import { DEFAULT_RECORDING_OPTIONS } from '../../main/recorder/recording-options';
import { readSessionFile } from '../../main/session/read-session-file';
import { nodeBinary, type NodeMajor } from '../support/node-versions';

const TARGET = fileURLToPath(new URL('./fixtures/known-sizes.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-agent-heap-'));

/** Records the target for 7 s, first windows 2 s (ends at 2, 4 and 7 s); its --trace-gc lines and session. */
async function recordWithGcTrace(major: NodeMajor) {
  let trace = '';
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => ((trace += chunk.toString()), done()),
  });
  const target = await launchTarget(await nodeBinary(major), ['--trace-gc', TARGET], {
    forwardOutput: { stdout: sink, stderr: sink },
  });
  const output = join(dir, `known-sizes-${major}.hyperscope`);
  const recording = await startRecording(
    target,
    {
      ...DEFAULT_RECORDING_OPTIONS,
      output,
      durationMs: 7000,
      cpu: false,
      promises: false,
      heapSamplingIntervalBytes: 4096,
      profileWindowMs: 2000,
    },
    'test',
  );
  expect((await recording.finished).reason).toBe('duration');
  const session = await readSessionFile(output);
  const profiles = sessionProfiles(session);
  const sites = siteStatsOf(profiles, session.header.createdAt);
  const site = (name: string) => sites.find((s) => s.frame.functionName === name)!;
  const gcLines = (reason: string) => trace.split('\n').filter((line) => line.includes(reason)).length;
  return { profiles, site, gcLines };
}

let node26: Awaited<ReturnType<typeof recordWithGcTrace>>;
let node22: Awaited<ReturnType<typeof recordWithGcTrace>>;
beforeAll(async () => {
  [node26, node22] = await Promise.all([recordWithGcTrace(26), recordWithGcTrace(22)]);
}, 120_000);

describe('allocation sampling by the agent on Node 26', () => {
  it('forces no GC while recording, and at most one at its end', () => {
    expect(node26.gcLines('sampling profiler')).toBe(0);
    // Only the last window, when no window had a still-alive part (no full GC of the target's own).
    expect(node26.gcLines('heap profiler')).toBeLessThanOrEqual(1);
    // The inspector's sampler, on Node 22: one at every window's end.
    expect(node22.gcLines('sampling profiler')).toBeGreaterThanOrEqual(3);
  });

  it('keeps an allocated window per window and a still-alive one where a full GC ran', () => {
    expect(node26.profiles.allocated?.windows.length).toBe(3);
    expect(node26.profiles.alive?.windows.length).toBeGreaterThanOrEqual(1);
  });

  it('finds what the target keeps still alive and its garbage gone, as the inspector’s sampler does', () => {
    for (const { site } of [node26, node22]) {
      expect(site('keepSixtyFourKiB').alive.bytesPerSecond).toBeGreaterThan(0.5e6); // ~1 MB/s kept
      expect(site('makeEightKiB').alive.bytes).toBeLessThan(0.02 * site('makeEightKiB').allocated.bytes);
      expect(site('makeHalfMiB').alive.bytes).toBeLessThan(0.05 * site('makeHalfMiB').allocated.bytes);
    }
  });
});
