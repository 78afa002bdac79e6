/**
 * Run in a child process (`node --import tsx`), so its peak RSS is its own: launches
 * `alloc-stacks-target.cjs`, samples its allocations through the recorder's heap sampler while it builds
 * CHAINS call chains, ends the window (`HeapProfiler.stopSampling`: the whole profile in one reply) and
 * writes it with the session writer. Prints one JSON line: the file's size, this process's peak RSS
 * before and after the reply, and the target's RSS before and at its peak while answering (Linux).
 *   CHAINS FILE
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { HeaderRecord } from '../../../core/session/records';
import { launchTarget } from '../../../main/inspector/launch';
import { startHeapSampler } from '../../../main/recorder/heap-sampler';
import { createSessionWriter } from '../../../main/session/session-writer';

const [chains, file] = process.argv.slice(2);
const TARGET = new URL('./alloc-stacks-target.cjs', import.meta.url).pathname;
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** `VmRSS` or `VmHWM` (peak) of `pid` from /proc, MB. */
function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return Math.round(Number(line?.[1]) / 1024);
}

async function main(): Promise<object> {
  const target = await launchTarget(process.execPath, [TARGET], { forwardOutput: false });
  try {
    // The inspector opens before the target's script has run: wait for the script's function.
    const evaluate = (expression: string) => target.session.send('Runtime.evaluate', { expression });
    while ((await evaluate('typeof generateAllocStacks')).result.value !== 'function')
      await new Promise((resolve) => setTimeout(resolve, 20));
    const sampler = await startHeapSampler(target.session, 64);
    const generated = Date.now();
    const { exceptionDetails } = await evaluate(`generateAllocStacks(${chains})`);
    if (exceptionDetails) throw new Error(`the target failed: ${exceptionDetails.text}`);
    const generateMs = Date.now() - generated;
    // Writing 5 to clear_refs resets the peak, so VmHWM afterwards is the peak while answering.
    writeFileSync(`/proc/${target.pid}/clear_refs`, '5');
    const targetBeforeMb = procMb(target.pid, 'VmRSS');
    const recorderBeforeMb = peakRssMb();
    const stopped = Date.now();
    const records = await sampler.stop();
    const stopMs = Date.now() - stopped;
    const targetPeakMb = procMb(target.pid, 'VmHWM');
    const header = JSON.parse(process.env.HEADER_JSON ?? '{}') as HeaderRecord;
    const writer = createSessionWriter(file!, header);
    writer.writeAll(records);
    writer.close();
    const fileMb = +(statSync(file!).size / 1048576).toFixed(1);
    const samples = records.reduce(
      (n, r) => n + (r.type === 'profile-alloc-samples' ? r.samples.length : 0),
      0,
    );
    const nodes = records.reduce((n, r) => n + (r.type === 'profile-alloc-nodes' ? r.nodes.length : 0), 0);
    return { generateMs, stopMs, fileMb, nodes, samples, recorderBeforeMb, targetBeforeMb, targetPeakMb };
  } finally {
    await target.stop();
  }
}

main().then(
  (result) => console.log(JSON.stringify({ ...result, peakRssMb: peakRssMb() })),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
