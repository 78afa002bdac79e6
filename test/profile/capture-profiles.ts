/**
 * Captures real profiles of a CommonJS module in a child Node process through `node:inspector`:
 * one CPU profile over everything, and two allocation-sampling windows running the module's `run()`
 * once each — the first including objects GC collected (allocated), the second without, after a
 * forced GC (still alive).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Protocol } from 'devtools-protocol';

export interface CapturedProfiles {
  cpu: Protocol.Profiler.Profile;
  allocated: Protocol.HeapProfiler.SamplingHeapProfile;
  live: Protocol.HeapProfiler.SamplingHeapProfile;
}

const RUNNER = String.raw`
const inspector = require('node:inspector');
const fs = require('node:fs');
const [target, out, heapInterval] = process.argv.slice(2);
const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
(async () => {
  const { run } = require(target);
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('HeapProfiler.enable');
  await post('Profiler.start');
  const collected = { includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
  await post('HeapProfiler.startSampling', { samplingInterval: Number(heapInterval), ...collected });
  run();
  const allocated = (await post('HeapProfiler.stopSampling')).profile;
  await post('HeapProfiler.startSampling', { samplingInterval: Number(heapInterval) });
  run();
  global.gc();
  const live = (await post('HeapProfiler.stopSampling')).profile;
  const cpu = (await post('Profiler.stop')).profile;
  fs.writeFileSync(out, JSON.stringify({ cpu, allocated, live }));
  session.disconnect();
})().catch((error) => { console.error(error); process.exit(1); });
`;

/** Runs `modulePath` (CommonJS, exporting `run()`) under the profilers; heap interval in bytes. */
export async function captureProfiles(
  modulePath: string,
  heapIntervalBytes: number,
): Promise<CapturedProfiles> {
  const dir = await mkdtemp(join(tmpdir(), 'hyperscope-profiles-'));
  try {
    const runner = join(dir, 'runner.cjs');
    const out = join(dir, 'profiles.json');
    await writeFile(runner, RUNNER);
    const args = ['--expose-gc', runner, modulePath, out, String(heapIntervalBytes)];
    await promisify(execFile)(process.execPath, args, { timeout: 20_000 });
    return JSON.parse(await readFile(out, 'utf8')) as CapturedProfiles;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
