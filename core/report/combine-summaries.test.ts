import { describe, expect, it } from 'vitest';
import { buildSession } from '../findings/test-support/session-builder';
import { combineSummaries, peakOfSum } from './combine-summaries';
import { summarizeSession } from './summarize-session';

/** Snapshots at `times` (ms) with `sockets.total` set to `values`. */
function part(times: number[], values: number[]) {
  const session = buildSession({ snapshots: times.length });
  const snapshots = session.snapshots.map((s, i) => ({
    ...s,
    time: times[i]!,
    sockets: { ...s.sockets, total: values[i]! },
  }));
  return { snapshots };
}

describe('peakOfSum', () => {
  it("adds each part's latest value at every moment, from its first snapshot to its last", () => {
    // a: 10 at 0, 30 at 1000; b (offset by 500 ms): 5 at 500, 7 at 1500; c only at 3000. At 1000: 30 + 5.
    const parts = [part([0, 1000], [10, 30]), part([500, 1500], [5, 7]), part([3000], [100])];
    expect(peakOfSum(parts, (s) => s.sockets.total)).toBe(100);
    expect(peakOfSum(parts.slice(0, 2), (s) => s.sockets.total)).toBe(35);
    // Once a ends (1000), b stands alone: 7, not 30 + 7 carried on.
    expect(peakOfSum([part([0, 1000], [10, 30]), part([1500], [7])], (s) => s.sockets.total)).toBe(30);
    expect(peakOfSum([], (s) => s.sockets.total)).toBeNull();
  });
});

describe('combineSummaries', () => {
  it("counts a thread's requests and heap but not its process's descriptors and memory again", () => {
    const process = buildSession({ snapshots: 5, seed: 1 });
    const thread = buildSession({ snapshots: 5, seed: 2 });
    const of = (kind: 'process' | 'thread', session: typeof process) => ({
      kind,
      snapshots: session.snapshots,
      summary: summarizeSession(session),
    });
    const alone = summarizeSession(process);
    const both = combineSummaries([of('process', process), of('thread', thread)]);
    expect(both.fds).toEqual(alone.fds);
    expect(both.rssPeakBytes).toBe(alone.rssPeakBytes);
    expect(both.requests.completed).toBe(
      alone.requests.completed + summarizeSession(thread).requests.completed,
    );
    expect(both.heapPeakBytes).toBeGreaterThan(alone.heapPeakBytes!);
  });
});
