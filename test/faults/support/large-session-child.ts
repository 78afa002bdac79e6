/**
 * Run in a child process (`node --import tsx`), so its peak RSS is its own: writes or reads a large
 * session file and prints one JSON line `{ peakRssMb, ... }`.
 *   write FILE MB   a synthetic CPU profile of about MB megabytes of JSON, through the session writer
 *   read FILE       the session reader (the outcome: snapshots and profiles, or the error message)
 */
import { statSync } from 'node:fs';
import { cpuProfileRecords } from '../../../core/session/profile-records';
import { createSessionWriter } from '../../../main/session/session-writer';
import { readSessionFile } from '../../../main/session/read-session-file';

const [mode, file, megabytes] = process.argv.slice(2);
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(): Promise<object> {
  if (mode === 'write') {
    // ~330 bytes of JSON per node (a long URL, as bundled code has) and ~8 per sample.
    const nodeCount = Math.round((Number(megabytes) * 1024 * 1024 * 0.8) / 330);
    const sampleCount = Math.round((Number(megabytes) * 1024 * 1024 * 0.2) / 8);
    const url = `file:///srv/app/node_modules/some-framework/dist/${'nested/'.repeat(25)}index.js`;
    const nodes = Array.from({ length: nodeCount }, (_, i) => ({
      id: i + 1,
      callFrame: { functionName: `handler${i}`, scriptId: '42', url, lineNumber: i % 5000, columnNumber: 7 },
      hitCount: 1,
      children: i + 2 <= nodeCount && i % 2 === 0 ? [i + 2] : [],
    }));
    const samples = Array.from({ length: sampleCount }, (_, i) => (i % nodeCount) + 1);
    const profile = {
      nodes,
      startTime: 0,
      endTime: sampleCount * 1000,
      samples,
      timeDeltas: samples.map(() => 1000),
    };
    const header = JSON.parse(process.env.HEADER_JSON ?? '{}') as Parameters<typeof createSessionWriter>[1];
    const started = Date.now();
    const writer = createSessionWriter(file!, header);
    writer.writeAll(
      cpuProfileRecords({ id: 'big', startTime: 0, endTime: 1, samplingInterval: 1000 }, profile),
    );
    writer.close();
    return {
      writeMs: Date.now() - started,
      fileMb: +(statSync(file!).size / 1048576).toFixed(1),
      nodeCount,
      sampleCount,
    };
  }
  const started = Date.now();
  try {
    const session = await readSessionFile(file!);
    const nodes = session.cpuProfiles.reduce((n, p) => n + p.profile.nodes.length, 0);
    return { readMs: Date.now() - started, nodes, snapshots: session.snapshots.length };
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
