import { describe, expect, it } from 'vitest';
import { allocWindow, siteAtRate } from '../findings/test-support/alloc-windows';
import { buildSession, TEST_START_TIME } from '../findings/test-support/session-builder';
import { allocRateSeries } from './alloc-rate-series';
import { sessionProfiles } from './session-profiles';

const MiB = 1024 * 1024;
const T0 = TEST_START_TIME;

describe('allocRateSeries', () => {
  it('gives each window its bytes over its length, per kind of window, in time order', () => {
    const session = {
      ...buildSession({ snapshots: 20 }),
      // Out of order on purpose: the series follows time, not the file.
      allocProfiles: [
        allocWindow(T0 + 10_000, T0 + 15_000, true, [siteAtRate('burst', 4 * MiB, 5)]),
        allocWindow(T0, T0 + 5_000, true, [siteAtRate('steady', MiB, 5), siteAtRate('other', MiB, 5)]),
        allocWindow(T0 + 5_000, T0 + 10_000, false, [siteAtRate('kept', MiB / 4, 5)]),
      ],
    };
    const profiles = sessionProfiles(session);
    expect(allocRateSeries(profiles.allocated, T0)).toEqual([
      { startMs: 0, endMs: 5_000, bytes: 10 * MiB, bytesPerSecond: 2 * MiB },
      { startMs: 10_000, endMs: 15_000, bytes: 20 * MiB, bytesPerSecond: 4 * MiB },
    ]);
    expect(allocRateSeries(profiles.alive, T0)).toEqual([
      { startMs: 5_000, endMs: 10_000, bytes: 1.25 * MiB, bytesPerSecond: MiB / 4 },
    ]);
  });

  it('is empty without windows and 0 for a window without length', () => {
    expect(allocRateSeries(null, T0)).toEqual([]);
    const session = {
      ...buildSession({ snapshots: 2 }),
      allocProfiles: [allocWindow(T0 + 1_000, T0 + 1_000, true, [siteAtRate('x', MiB, 1)])],
    };
    expect(allocRateSeries(sessionProfiles(session).allocated, T0)).toEqual([
      { startMs: 1_000, endMs: 1_000, bytes: MiB, bytesPerSecond: 0 },
    ]);
  });
});
