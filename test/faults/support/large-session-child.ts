/**
 * Run in a child process (`node --import tsx`), so its peak RSS is its own: writes or reads a large
 * session file and prints one JSON line `{ peakRssMb, ... }`.
 *   write-cpu FILE MB     a synthetic CPU profile of about MB megabytes of JSON, through the session writer
 *   write-alloc FILE MB F the same for an allocation-sampling profile (as `HeapProfiler.stopSampling` gives it)
 *                         whose nodes call F distinct functions
 *   read FILE             the session reader (the outcome: snapshots and profiles, or the error message)
 *   report FILE           the reader, then the allocation models and the report built from them
 */
import { statSync } from 'node:fs';
import type { Protocol } from 'devtools-protocol';
import { sessionProfiles } from '../../../core/profile/session-profiles';
import { buildReport } from '../../../core/report/build-report';
import { allocProfileRecords, cpuProfileRecords } from '../../../core/session/profile-records';
import type { HeaderRecord, SessionRecord } from '../../../core/session/records';
import { createSessionWriter } from '../../../main/session/session-writer';
import { readSessionFile } from '../../../main/session/read-session-file';
import { syntheticAllocProfile, syntheticCpuProfile } from './synthetic-profiles';

const [mode, file, megabytes, functions] = process.argv.slice(2);
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const meta = { id: 'big', startTime: 0, endTime: 1, samplingInterval: 32 * 1024, includesCollected: true };

function write(records: () => Iterable<SessionRecord>, counts: object): object {
  const header = JSON.parse(process.env.HEADER_JSON ?? '{}') as HeaderRecord;
  const started = Date.now();
  const writer = createSessionWriter(file!, header);
  writer.writeAll(records());
  writer.close();
  const fileMb = +(statSync(file!).size / 1048576).toFixed(1);
  return { writeMs: Date.now() - started, fileMb, ...counts };
}

function countNodes(head: Protocol.HeapProfiler.SamplingHeapProfileNode): number {
  let count = 0;
  for (const stack = [head]; stack.length > 0; count++) stack.push(...stack.pop()!.children);
  return count;
}

async function main(): Promise<object> {
  if (mode === 'write-cpu') {
    const profile = syntheticCpuProfile(Number(megabytes));
    const counts = { nodeCount: profile.nodes.length, sampleCount: profile.samples?.length };
    return write(() => cpuProfileRecords({ ...meta, samplingInterval: 1000 }, profile), counts);
  }
  if (mode === 'write-alloc') {
    const profile = syntheticAllocProfile(Number(megabytes), Number(functions));
    const counts = { nodeCount: countNodes(profile.head), sampleCount: profile.samples.length };
    return write(() => allocProfileRecords(meta, profile), counts);
  }
  const started = Date.now();
  try {
    const session = await readSessionFile(file!);
    const nodes = session.cpuProfiles.reduce((n, p) => n + p.profile.nodes.length, 0);
    const read = { readMs: Date.now() - started, nodes, snapshots: session.snapshots.length };
    if (mode !== 'report') return read;
    const modelStarted = Date.now();
    const profiles = sessionProfiles(session);
    const modelMs = Date.now() - modelStarted;
    const report = buildReport(session, { profiles });
    return {
      ...read,
      allocNodes: session.allocProfiles.reduce((n, p) => n + p.nodes.length, 0),
      allocSamples: session.allocProfiles.reduce((n, p) => n + p.samples.length, 0),
      modelMs,
      reportMs: Date.now() - modelStarted - modelMs,
      allocatedBytes: report.allocations?.allocated?.bytes,
      topRows: report.allocations?.top.length,
    };
  } catch (error) {
    return { readMs: Date.now() - started, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

main().then(
  (result) => console.log(JSON.stringify({ ...result, peakRssMb: peakRssMb() })),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
