// Allocation-size histograms and allocated vs still alive, through the real recorder path: a target that
// allocates arrays of known sizes is launched, recorded with a 1 KiB sampling interval (sizes above
// ~2.2 KiB are then exact), and its session read back into the report's allocation section.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { siteStatsOf, type SiteStats } from '../../core/findings/alloc-site-stats';
import { sessionProfiles } from '../../core/profile/session-profiles';
import { allocationsSection } from '../../core/report/alloc-section';
import type { AllocationsReport } from '../../core/report/report';
import { launchTarget } from '../../main/inspector/launch';
import { startRecording } from '../../main/recorder/recorder';
import { DEFAULT_RECORDING_OPTIONS } from '../../main/recorder/recording-options';
import { readSessionFile } from '../../main/session/read-session-file';

const TARGET = fileURLToPath(new URL('./fixtures/known-sizes.cjs', import.meta.url));
const INTERVAL = 1024;
let sites: SiteStats[];
let section: AllocationsReport;

beforeAll(async () => {
  const output = join(mkdtempSync(join(tmpdir(), 'hyperscope-alloc-')), 'known-sizes.hyperscope');
  const target = await launchTarget(process.execPath, [TARGET], { forwardOutput: false });
  const recording = await startRecording(
    target,
    {
      ...DEFAULT_RECORDING_OPTIONS,
      output,
      durationMs: 4500,
      cpu: false,
      promises: false,
      heapSamplingIntervalBytes: INTERVAL,
      profileWindowMs: 2000,
    },
    'test',
  );
  const result = await recording.finished;
  expect(result.reason).toBe('duration');
  const session = await readSessionFile(output);
  const profiles = sessionProfiles(session);
  sites = siteStatsOf(profiles, session.header.createdAt);
  section = allocationsSection(profiles, 20, session.header.createdAt)!;
}, 30_000);

const site = (name: string): SiteStats => {
  const found = sites.find((s) => s.frame.functionName === name);
  expect(found, `${name} among ${sites.map((s) => s.frame.functionName).join(', ')}`).toBeDefined();
  return found!;
};
const bucketShare = (stats: SiteStats['allocated'], label: string): number =>
  (stats.histogram.find((bucket) => bucket.label === label)?.bytes ?? 0) /
  stats.histogram.reduce((sum, bucket) => sum + bucket.bytes, 0);

describe('allocation sizes and survival of a real target', () => {
  it('records with the asked interval, in allocated and still-alive windows', () => {
    expect(section.samplingIntervalBytes).toBe(INTERVAL);
    expect(section.sizesEstimatedUpToBytes).toBeLessThan(5616);
    expect(section.allocated?.windows).toBeGreaterThanOrEqual(1);
    expect(section.alive?.windows).toBeGreaterThanOrEqual(1);
  });

  it("puts each function's arrays in the bucket of their size", () => {
    expect(bucketShare(site('makeEightKiB').allocated, '8 KiB')).toBeGreaterThan(0.95);
    expect(bucketShare(site('keepSixtyFourKiB').allocated, '64 KiB')).toBeGreaterThan(0.95);
    expect(bucketShare(site('makeHalfMiB').allocated, '512 KiB')).toBeGreaterThan(0.95);
    const processBytes = (label: string) => section.histogram.find((bucket) => bucket.label === label)!.bytes;
    for (const label of ['8 KiB', '64 KiB', '512 KiB']) expect(processBytes(label)).toBeGreaterThan(0);
  });

  it('measures bytes in the ratio the target allocates them', () => {
    // Allocated in the same timer: 40 × 5,616 B per 320,016 B.
    const eight = site('makeEightKiB').allocated.bytes;
    const half = site('makeHalfMiB').allocated.bytes;
    expect(eight / half).toBeGreaterThan(0.702 * 0.85);
    expect(eight / half).toBeLessThan(0.702 * 1.15);
    expect(site('makeEightKiB').allocated.bytesPerSecond).toBeGreaterThan(1e6);
  });

  it('finds the kept arrays still alive and the dropped ones gone', () => {
    expect(section.topAlive[0]!.frame.functionName).toBe('keepSixtyFourKiB');
    expect(site('keepSixtyFourKiB').alive.bytesPerSecond).toBeGreaterThan(0.5e6); // ~1 MB/s kept
    expect(site('makeEightKiB').alive.bytes).toBeLessThan(0.02 * site('makeEightKiB').allocated.bytes);
    expect(site('makeHalfMiB').alive.bytes).toBeLessThan(0.05 * site('makeHalfMiB').allocated.bytes);
  });
});
