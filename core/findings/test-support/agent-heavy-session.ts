/**
 * A lightly loaded service's session in which Hyperscope's agent is the top self-time function, as V8
 * reports it: the agent's script (`hyperscope-agent.js`) sampled at the root (its snapshot timer) and
 * as a wrapper between a service function and the callback it wrapped; and an allocation window where
 * the agent allocated the most. One 1 s CPU window of 1 ms samples; a 10 s allocated window.
 */
import type { Protocol } from 'devtools-protocol';
import { AGENT_SOURCE_URL } from '../../agent-protocol';
import type { Session } from '../../session/session';
import { allocWindow, siteAtRate } from './alloc-windows';
import { cpuWindowOf } from './cpu-windows';
import { buildSession, TEST_START_TIME } from './session-builder';

const URL = 'file:///srv/app/server.js';
const MiB = 1024 * 1024;

/**
 * Samples: (idle) 400 (401, the last one timeless), agent `takeSnapshot` 300, main 50, main → hot 150, main → agent `wrapped` 50 →
 * onData 50. Busy 600 ms, the agent's 350 ms (58.3%), the service's 250 ms.
 */
function cpuProfile(): Protocol.Profiler.Profile {
  const frame = (functionName: string, url = URL, lineNumber = 4, scriptId = '7') => ({
    functionName,
    scriptId,
    url,
    lineNumber,
    columnNumber: 0,
  });
  const nodes = [
    { id: 1, callFrame: frame('(root)', '', -1, '0'), children: [2, 3, 4] },
    { id: 2, callFrame: frame('(idle)', '', -1, '0') },
    { id: 3, callFrame: frame('takeSnapshot', AGENT_SOURCE_URL, 120, '99') },
    { id: 4, callFrame: frame('main'), children: [5, 6] },
    { id: 5, callFrame: frame('hot', URL, 9) },
    // V8 names the agent's script by id only in some frames: the id says it is the agent's.
    { id: 6, callFrame: frame('wrapped', '', 40, '99'), children: [7] },
    { id: 7, callFrame: frame('onData', URL, 30) },
  ];
  // The model counts a sample's time from its successor's delta: (idle) last, so the one sample
  // without a successor is idle time, and the busy figures come out round.
  const runs: [number, number][] = [
    [3, 300],
    [4, 50],
    [5, 150],
    [6, 50],
    [7, 50],
    [2, 401],
  ];
  const samples = runs.flatMap(([id, n]) => Array<number>(n).fill(id));
  return { nodes, startTime: 0, endTime: 1_000_000, samples, timeDeltas: samples.map(() => 1000) };
}

/** The agent allocated 3 MiB/s, `render` 1 MiB/s, `remember` 0.5 MiB/s over 10 s. */
export function agentHeavySession(): Session {
  const T0 = TEST_START_TIME;
  const window = allocWindow(T0, T0 + 10_000, true, [
    siteAtRate('render', 1 * MiB, 10),
    siteAtRate('remember', 0.5 * MiB, 10),
  ]);
  const agentBytes = 3 * MiB * 10;
  const agentNode = {
    id: 100,
    parent: 1,
    callFrame: {
      functionName: 'encode',
      scriptId: '99',
      url: AGENT_SOURCE_URL,
      lineNumber: 7,
      columnNumber: 2,
    },
    selfSize: agentBytes,
  };
  const sampleBytes = 32 * 1024;
  const agentSamples = Array.from({ length: agentBytes / sampleBytes }, (_, i) => ({
    size: sampleBytes,
    nodeId: 100,
    ordinal: window.samples.length + i + 1,
  }));
  return {
    ...buildSession({ snapshots: 20 }),
    cpuProfiles: [cpuWindowOf(cpuProfile(), T0, T0 + 1000)],
    allocProfiles: [
      { ...window, nodes: [...window.nodes, agentNode], samples: [...window.samples, ...agentSamples] },
    ],
  };
}
