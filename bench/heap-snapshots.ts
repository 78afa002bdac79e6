/**
 * Heap snapshots (`record --retainers`, issue 17): how long one stops the target against its heap, and
 * what reading one costs the recorder against its size — Hyperscope's streaming reader (plus the
 * retainer tree and census) against `JSON.parse` of the same file, each in a fresh process for its peak
 * RSS. Targets hold ~HS_SNAPSHOT_HEAPS MiB of live records (default 10, 60, 200).
 *   npx tsx bench/run.ts heap-snapshots
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connectInspector } from '../main/inspector/inspector-session';
import { takeHeapSnapshot } from '../main/retainers/take-heap-snapshot';
import type { Bench, BenchFigure } from './bench';

const HEAPS_MIB = (process.env.HS_SNAPSHOT_HEAPS ?? '10,60,200').split(',').map(Number);
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const MIB = 1024 * 1024;

interface ChildRead {
  ms: number;
  peakRssMiB: number;
  nodes: number;
}

async function readInChild(mode: 'stream' | 'json', file: string): Promise<ChildRead> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--max-old-space-size=16384', '--import', 'tsx', here('./heap-snapshot-child.ts'), mode, file],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as ChildRead;
}

/** Snapshot of a target holding `mib` MiB: its pause, the recorder's round trip, the file. */
async function snapshotOf(mib: number, file: string) {
  const child = spawn('/usr/bin/taskset', ['-c', '0', process.execPath, here('./targets/heap-filler.cjs')], {
    env: { ...process.env, HS_HEAP_MIB: String(mib) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once('exit', () => reject(new Error('heap-filler exited')));
    });
    const session = await connectInspector(url);
    const gap = async (): Promise<number> =>
      Number((await session.send('Runtime.evaluate', { expression: 'longestGapMs()' })).result.value);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    await gap();
    const taken = await takeHeapSnapshot(session, file);
    const pauseMs = await gap();
    await session.close();
    return { heapMiB: usedSize / MIB, pauseMs, roundTripMs: taken.pauseMs, nodes: taken.graph.nodeCount };
  } finally {
    child.kill();
  }
}

export const heapSnapshotsBench: Bench = {
  name: 'heap-snapshots',
  summary: `heap snapshots of targets holding ${HEAPS_MIB.join(', ')} MiB: the target's pause (longest gap of its 5 ms timer) against the recorder's round trip, and reading the file with Hyperscope's streaming reader (+ retainer tree) against JSON.parse: time and peak RSS, each in a fresh process`,
  onlyWhenNamed: true,
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'hs-snapshots-'));
    const figures: BenchFigure[] = [];
    try {
      for (const mib of HEAPS_MIB) {
        const file = join(dir, `${mib}.heapsnapshot`);
        const shot = await snapshotOf(mib, file);
        const fileMiB = statSync(file).size / MIB;
        const [stream, json] = [await readInChild('stream', file), await readInChild('json', file)];
        const label = `${shot.heapMiB.toFixed(0)} MiB heap`;
        console.log(
          `# ${label}: ${shot.nodes} nodes, file ${fileMiB.toFixed(0)} MiB; pause ${shot.pauseMs.toFixed(0)} ms ` +
            `(${(shot.pauseMs / shot.heapMiB).toFixed(1)} ms/MiB), round trip ${shot.roundTripMs} ms; read ` +
            `${stream.ms.toFixed(0)} ms, peak ${stream.peakRssMiB.toFixed(0)} MiB (JSON.parse ${json.ms.toFixed(0)} ms, ${json.peakRssMiB.toFixed(0)} MiB)`,
        );
        figures.push(
          {
            name: `pause, ${label}`,
            value: shot.pauseMs,
            baseline: shot.roundTripMs,
            baselineName: 'recorder round trip',
            unit: 'ms',
          },
          {
            name: `read, ${fileMiB.toFixed(0)} MiB file`,
            value: stream.ms,
            baseline: json.ms,
            baselineName: 'JSON.parse',
            unit: 'ms',
          },
          {
            name: `peak RSS, ${fileMiB.toFixed(0)} MiB file`,
            value: stream.peakRssMiB,
            baseline: json.peakRssMiB,
            baselineName: 'JSON.parse',
            unit: 'MiB',
          },
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
