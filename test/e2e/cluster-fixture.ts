/**
 * A cluster's session file for the end-to-end tests, written with the recorder's own writers (the
 * session writer for the primary, a source writer per worker): 30 s of an idle primary and two
 * workers — worker 1 healthy until it exits at 20 s, worker 2's bounded pool starving from 3 s on —
 * each with a CPU and an allocation profile of its own hot function.
 */
import type { Protocol } from 'devtools-protocol';
import { cpuWindow } from '../../core/findings/test-support/cpu-windows';
import { idlePrimary, poolStarvedWorker } from '../../core/findings/test-support/multi-source-session';
import { buildSession, TEST_START_TIME } from '../../core/findings/test-support/session-builder';
import { allocProfileRecords, cpuProfileRecords } from '../../core/session/profile-records';
import type { Session } from '../../core/session/session';
import { createSessionWriter, type SessionWriter } from '../../main/session/session-writer';
import { sourceWriter } from '../../main/session/source-writer';

const SNAPSHOTS = 30;
const WORKER_1_EXITS_AFTER = 20;

/** The primary's and each worker's hot function, as the CPU and Allocations views show them. */
export const HOT = { primary: 'acceptLoop', worker1: 'renderPage', worker2: 'fetchStock' } as const;

/**
 * One part's profiles, a window ending at `endTime` (ms since the epoch): 300 ms of CPU in `hot` under
 * handleRequest, 4 MiB allocated there.
 */
function writeProfiles(writer: SessionWriter, hot: string, scriptId: string, endTime: number): void {
  const window = cpuWindow(endTime - 420, { [hot]: 300, handleRequest: 20 }, 100, scriptId);
  const { startTime } = window.meta;
  writer.writeAll(
    cpuProfileRecords({ id: 'cpu-1', startTime, endTime, samplingInterval: 1000 }, window.profile),
  );
  const frame = (functionName: string, line: number): Protocol.Runtime.CallFrame => ({
    functionName,
    scriptId,
    url: 'file:///srv/app/server.js',
    lineNumber: line,
    columnNumber: 2,
  });
  const head: Protocol.HeapProfiler.SamplingHeapProfileNode = {
    id: 1,
    callFrame: { ...frame('(root)', 0), url: '' },
    selfSize: 0,
    children: [
      {
        id: 2,
        callFrame: frame('handleRequest', 10),
        selfSize: 0,
        children: [{ id: 3, callFrame: frame(hot, 20), selfSize: 4_194_304, children: [] }],
      },
    ],
  };
  const samples = Array.from({ length: 128 }, (_, i) => ({ size: 32_768, nodeId: 3, ordinal: i }));
  writer.writeAll(
    allocProfileRecords(
      { id: 'alloc-1', startTime, endTime, samplingInterval: 32_768, includesCollected: true },
      { head, samples },
    ),
  );
}

export function writeClusterSession(path: string): void {
  const primary = idlePrimary(SNAPSHOTS);
  const file = createSessionWriter(path, primary.header);
  const workers: { id: string; pid: number; label: string; session: Session; hot: string }[] = [
    {
      id: 'p4243',
      pid: 4243,
      label: 'worker 1 of 2',
      session: buildSession({ snapshots: SNAPSHOTS, seed: 3 }),
      hot: HOT.worker1,
    },
    {
      id: 'p4244',
      pid: 4244,
      label: 'worker 2 of 2',
      session: poolStarvedWorker(SNAPSHOTS),
      hot: HOT.worker2,
    },
  ];
  const writers = workers.map((worker) => {
    const { nodeVersion, argv } = worker.session.header.target;
    file.write({
      type: 'source',
      id: worker.id,
      kind: 'process',
      pid: worker.pid,
      threadId: 0,
      label: worker.label,
      nodeVersion,
      argv,
      time: TEST_START_TIME,
    });
    return sourceWriter(file, worker.id);
  });
  // As the recorder writes them: every second the primary's snapshot, then each worker's.
  for (let i = 0; i < SNAPSHOTS; i++) {
    file.write({ type: 'snapshot', snapshot: primary.snapshots[i]! });
    workers.forEach((worker, w) => {
      if (w === 0 && i >= WORKER_1_EXITS_AFTER) return;
      writers[w]!.write({ type: 'snapshot', snapshot: worker.session.snapshots[i]! });
    });
    if (i === WORKER_1_EXITS_AFTER - 1) {
      writeProfiles(writers[0]!, workers[0]!.hot, '11', primary.snapshots[i]!.time);
      // A source's own end becomes its source-end record.
      writers[0]!.write({ type: 'end', time: primary.snapshots[i]!.time, reason: 'target-exited' });
    }
  }
  const end = primary.snapshots.at(-1)!.time;
  writeProfiles(file, HOT.primary, '3', end);
  writeProfiles(writers[1]!, workers[1]!.hot, '12', end);
  file.write({ type: 'end', time: end, reason: 'duration' });
  file.close();
}
