/**
 * Synthetic CPU profile windows for tests: a root with (idle) and one call stack per function, each
 * sampled every millisecond for as many samples as it is given.
 */
import type { Protocol } from 'devtools-protocol';
import type { CpuProfileWindow } from '../../session/session';

/**
 * A window from `startTime` (ms since the epoch) with `idle` (idle) samples and, under `handleRequest`,
 * `samples[name]` samples in each named function; every sample is 1 ms. `scriptId` is the process's own.
 */
export function cpuWindow(
  startTime: number,
  samples: Record<string, number>,
  idle = 0,
  scriptId = '7',
): CpuProfileWindow {
  const frame = (functionName: string, url = 'file:///srv/app/server.js', lineNumber = 0) => ({
    functionName,
    scriptId,
    url,
    lineNumber,
    columnNumber: 2,
  });
  const names = Object.keys(samples);
  const nodes = [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
    { id: 2, callFrame: frame('(idle)', '') },
    { id: 3, callFrame: frame('handleRequest', undefined, 10), children: names.map((_, i) => 4 + i) },
    ...names.map((name, i) => ({ id: 4 + i, callFrame: frame(name, undefined, 20 + i) })),
  ];
  const ids = [
    ...Array<number>(idle).fill(2),
    ...names.flatMap((name, i) => Array<number>(samples[name]!).fill(4 + i)),
  ];
  const endTime = startTime + ids.length;
  const timeDeltas = ids.map(() => 1000);
  const profile = { nodes, startTime: startTime * 1000, endTime: endTime * 1000, samples: ids, timeDeltas };
  return cpuWindowOf(profile, startTime, endTime);
}

/** `profile` as the window recorded from `startTime` to `endTime` (ms since the epoch), sampled every 1 ms. */
export function cpuWindowOf(
  profile: Protocol.Profiler.Profile,
  startTime: number,
  endTime: number,
): CpuProfileWindow {
  const meta = { type: 'profile-begin', id: `cpu-${startTime}`, kind: 'cpu', startTime, endTime } as const;
  return { meta: { ...meta, samplingInterval: 1000 }, profile };
}
