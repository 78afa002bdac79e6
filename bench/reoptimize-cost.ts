/**
 * What keeping inlined names costs a target once per attach (main/recorder/inline-frames.ts): on
 * Node 22+ the CPU profiler's start is followed by a deoptimization of all code, which then warms up
 * again. The target is the TypeScript compiler kept busy (bench/targets/warm-compiler.cjs) on the newest
 * Node line; it reports its throughput every 250 ms. After 4 s of warm-up the bench attaches over CDP,
 * starts the profiler and, in one arm, reoptimizes; the figure is the work done in the 3 s after, as a
 * share of the 1 s before. The baseline arm starts the profiler alone. Three runs each, medians.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { attachByUrl } from '../main/inspector/attach-url';
import { reoptimizeUnderProfiler } from '../main/recorder/inline-frames';
import { nodeBinary } from '../test/support/node-versions';
import { inspectorFilePath, readWhenWritten } from './attach-hyperscope';
import { median, type Bench, type BenchFigure } from './bench';

const TARGET = fileURLToPath(new URL('./targets/warm-compiler.cjs', import.meta.url));
const TYPESCRIPT = fileURLToPath(new URL('../node_modules/typescript/lib/typescript.js', import.meta.url));
const SOURCE = fileURLToPath(new URL('../core/findings/trend.ts', import.meta.url));
const WARM_SLICES = 16; // 4 s
const BEFORE_SLICES = 4; // 1 s
const AFTER_SLICES = 12; // 3 s
const RUNS = 3;

interface Arm {
  /** Work in the 3 s after the attach over the work of 3 s at the rate before it, %. */
  keptPercent: number;
  /** How long the reoptimizing step held the target, ms (0 in the baseline arm). */
  pauseMs: number;
}

async function runArm(node: string, reoptimize: boolean): Promise<Arm> {
  const urlFile = inspectorFilePath();
  const child = spawn(node, [TARGET], {
    env: { ...process.env, HS_INSPECTOR_FILE: urlFile, HS_TYPESCRIPT: TYPESCRIPT, HS_SOURCE_FILE: SOURCE },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const slices: number[] = [];
  let onSlice = (): void => undefined;
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.startsWith('rate ')) slices.push(Number(line.slice(5)));
    onSlice();
  });
  const sliceCount = (count: number): Promise<void> =>
    new Promise((resolve) => {
      onSlice = () => slices.length >= count && resolve();
      onSlice();
    });
  try {
    await sliceCount(WARM_SLICES);
    const target = await attachByUrl(await readWhenWritten(urlFile));
    const attachedAt = slices.length;
    await target.session.send('Profiler.enable');
    await target.session.send('Profiler.start');
    const started = performance.now();
    if (reoptimize) await reoptimizeUnderProfiler(target.session);
    const pauseMs = reoptimize ? performance.now() - started : 0;
    await sliceCount(attachedAt + AFTER_SLICES);
    await target.session.send('Profiler.stop');
    await target.stop();
    const sum = (from: number, to: number): number => slices.slice(from, to).reduce((a, b) => a + b, 0);
    const before = sum(attachedAt - BEFORE_SLICES, attachedAt) / BEFORE_SLICES;
    const after = sum(attachedAt, attachedAt + AFTER_SLICES) / AFTER_SLICES;
    return { keptPercent: (after / before) * 100, pauseMs };
  } finally {
    child.kill('SIGKILL');
  }
}

export const reoptimizeCostBench: Bench = {
  name: 'reoptimize-cost',
  summary:
    "once per attach on Node 26: the TypeScript compiler's work in the 3 s after the profiler starts, % of its rate before, with the deoptimization that keeps inlined names vs the profiler alone",
  async run(): Promise<BenchFigure[]> {
    const node = await nodeBinary(26);
    const arms = { base: [] as Arm[], reoptimized: [] as Arm[] };
    for (let run = 0; run < RUNS; run++) {
      arms.base.push(await runArm(node, false));
      arms.reoptimized.push(await runArm(node, true));
    }
    const kept = (list: Arm[]): number => median(list.map((arm) => arm.keptPercent));
    return [
      {
        name: 'work kept, 3 s after',
        value: kept(arms.reoptimized),
        baseline: kept(arms.base),
        unit: '%',
        baselineName: 'profiler alone',
      },
      {
        name: 'reoptimize pause',
        value: median(arms.reoptimized.map((arm) => arm.pauseMs)),
        baseline: 0,
        unit: 'ms',
        baselineName: 'none',
      },
    ];
  },
};
