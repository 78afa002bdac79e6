/**
 * Opening a ~100 MB CPU profile in the app's flame graph against speedscope opening the same profile, both
 * in the same headless Chromium: wall time from "open" until the flame graph is on screen.
 * Hyperscope: `hyperscope ui SESSION` started → CPU view drawn (server read, transfer, model, layout, draw), with
 * Chromium already up for both (until 2026-12-07 the app's figure also counted Chromium's launch, ~0.25 s).
 * speedscope: its release page loaded → file chosen → profile named in the title and its canvas drawn.
 * Median of three runs each, interleaved, for ~10 and ~33 MB profiles; one run for ~100 MB, where speedscope's page
 * runs out of memory in headless Chromium here (the figure is then the time until it crashed).
 * Then a real profile recorded at bench time (`tsc` under `node --cpu-prof`, see flame-ui-real.ts), which the
 * app opens as a user would (`hyperscope ui FILE.cpuprofile`), three runs each, one more app run that
 * splits its time (flame-ui-split.ts), and one more in each that pans and zooms the drawn flame graph and
 * times its frames (flame-ui-frames.ts). `HS_BENCH_FLAME_CASES=real` (or `synthetic`) runs one kind only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Protocol } from 'devtools-protocol';
import type { Page } from 'playwright-core';
import { cpuProfileRecords } from '../core/session/profile-records';
import { SESSION_SCHEMA } from '../core/session/records';
import type { SessionRecord } from '../core/session/records';
import { ensureBuilt, openBrowser } from '../test/e2e/browser-app';
import { nextFrames, withAppOpened } from './app-open';
import { serveFolder } from '../test/export/static-server';
import { median, type Bench, type BenchFigure } from './bench';
import { formatFrames, panZoomFrames, type FrameTimes } from './flame-ui-frames';
import { recordTscProfile } from './flame-ui-real';
import { printSplit, splitHyperscope } from './flame-ui-split';
import { HUNDRED_MB_SHAPE, writeSyntheticCpuProfile } from './synthetic-cpu-profile';
import type { SyntheticShape } from './synthetic-cpu-profile';

const SPEEDSCOPE_DIR = 'node_modules/speedscope/dist/release';

/** The same profile as a one-window session file, as the recorder would have written it. */
export function writeSession(profilePath: string, sessionPath: string): void {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as Protocol.Profiler.Profile;
  const start = Date.now();
  const end = start + Math.round((profile.endTime - profile.startTime) / 1000);
  const records: SessionRecord[] = [
    {
      type: 'header',
      schema: SESSION_SCHEMA,
      hyperscope: 'bench',
      createdAt: start,
      target: { pid: 1, nodeVersion: 'v20.0.0', argv: ['node', 'synthetic.js'], attachedBy: 'file' },
      options: { intervalMs: 1000, durationMs: null, cpu: true, heap: false, promises: false },
    },
    ...cpuProfileRecords({ id: 'cpu-1', startTime: start, endTime: end, samplingInterval: 1000 }, profile),
    { type: 'end', time: end, reason: 'duration' },
  ];
  writeFileSync(sessionPath, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** `file`: a session, or another tool's profile the CLI imports; `then`: runs on the drawn page, untimed. */
async function timeHyperscope(file: string, then?: (page: Page) => Promise<void>): Promise<number> {
  return withAppOpened(file, { timeoutMs: 300_000 }, async ({ page, flameMs }) => {
    await then?.(page);
    return flameMs;
  });
}

/** Wall time to speedscope's flame graph; `crashed` when the page died on the way (out of memory). */
async function timeSpeedscope(
  url: string,
  profile: string,
  then?: (page: Page) => Promise<void>,
): Promise<{ ms: number; crashed: boolean }> {
  const { context, page } = await openBrowser();
  const started = performance.now();
  try {
    await page.goto(url);
    // The landing page's "Browse" label belongs to this input.
    await page.locator('input#file').setInputFiles(profile);
    await page.waitForFunction(
      'document.title.includes("speedscope") && document.title !== "speedscope"',
      undefined,
      {
        timeout: 600_000,
      },
    );
    await page.locator('canvas').first().waitFor();
    await nextFrames(page);
    const ms = performance.now() - started;
    await then?.(page);
    return { ms, crashed: false };
  } catch (error) {
    if (!/crash/i.test(String(error))) throw error;
    return { ms: performance.now() - started, crashed: true };
  } finally {
    await context.close();
  }
}

/** Profiles of growing size, up to the ~100 MB one; `BENCH_FLAME_SIZES=1` runs the first only. */
const SIZES: { label: string; shape: SyntheticShape; runs: number }[] = [
  { label: '~10 MB', shape: { nodes: 30_000, samples: 300_000, functions: 1_000, maxDepth: 120 }, runs: 3 },
  {
    label: '~33 MB',
    shape: { nodes: 100_000, samples: 1_000_000, functions: 3_000, maxDepth: 120 },
    runs: 3,
  },
  { label: '~100 MB', shape: HUNDRED_MB_SHAPE, runs: 1 },
];

async function measureSize(
  dir: string,
  speedscopeUrl: string,
  size: (typeof SIZES)[number],
): Promise<BenchFigure> {
  const profile = join(dir, 'synthetic.cpuprofile');
  const session = join(dir, 'synthetic.hyperscope');
  const bytes = writeSyntheticCpuProfile(profile, size.shape);
  writeSession(profile, session);
  console.log(`  profile ${size.label}: ${(bytes / 2 ** 20).toFixed(1)} MiB`);
  const ours: number[] = [];
  const theirs: { ms: number; crashed: boolean }[] = [];
  for (let run = 0; run < size.runs; run++) {
    ours.push(await timeHyperscope(session));
    console.log(`  run ${run + 1}: hyperscope ${ours.at(-1)!.toFixed(0)} ms`);
    // A crash takes minutes to come: once is enough to know.
    if (theirs.some((t) => t.crashed)) continue;
    theirs.push(await timeSpeedscope(speedscopeUrl, profile));
    console.log(
      `  run ${run + 1}: speedscope ${theirs.at(-1)!.ms.toFixed(0)} ms${theirs.at(-1)!.crashed ? ' (crashed)' : ''}`,
    );
  }
  const crashed = theirs.find((t) => t.crashed);
  return {
    name: `open ${size.label} to flame`,
    value: median(ours),
    baseline: crashed ? crashed.ms : median(theirs.map((t) => t.ms)),
    unit: 'ms',
    baselineName: crashed ? 'speedscope 1.25: page crashed after' : 'speedscope 1.25',
  };
}

/** The tsc profile opened `runs` times in each, interleaved, then once more in the app to split its time. */
async function measureReal(dir: string, speedscopeUrl: string, runs = 3): Promise<BenchFigure[]> {
  const real = recordTscProfile(dir);
  console.log(
    `  profile tsc: ${(real.bytes / 2 ** 20).toFixed(1)} MiB, ${real.nodes} nodes, ${real.frames} distinct frames, ${real.samples} samples`,
  );
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let run = 0; run < runs; run++) {
    ours.push(await timeHyperscope(real.path));
    theirs.push((await timeSpeedscope(speedscopeUrl, real.path)).ms);
    console.log(
      `  run ${run + 1}: hyperscope ${ours.at(-1)!.toFixed(0)} ms, speedscope ${theirs.at(-1)!.toFixed(0)} ms`,
    );
  }
  const split = await splitHyperscope(real.path);
  printSplit(split);
  const frames = await measureFrames(real.path, speedscopeUrl);
  return [
    {
      name: 'open tsc profile to flame',
      value: median(ours),
      baseline: median(theirs),
      unit: 'ms',
      baselineName: 'speedscope 1.25',
    },
    {
      name: 'tsc flame pan/zoom p95 frame',
      value: frames.ours.p95,
      baseline: frames.theirs.p95,
      unit: 'ms',
      baselineName: 'speedscope 1.25',
    },
  ];
}

/** One more run in each with the pan/zoom gesture (flame-ui-frames.ts) once the flame graph is drawn. */
export async function measureFrames(
  profile: string,
  speedscopeUrl: string,
): Promise<{ ours: FrameTimes; theirs: FrameTimes }> {
  let ours: FrameTimes | undefined;
  let theirs: FrameTimes | undefined;
  // The app's canvas is taller than the window: the gesture runs near its roots, inside the window.
  await timeHyperscope(profile, async (page) => {
    ours = await panZoomFrames(page, 'canvas[role="img"]', 60);
  });
  // speedscope's flame chart fills the window under its toolbar and minimap.
  await timeSpeedscope(speedscopeUrl, profile, async (page) => {
    theirs = await panZoomFrames(page, 'body', 500);
  });
  console.log(`  pan/zoom (one wheel event per frame): hyperscope ${formatFrames(ours!)}`);
  console.log(`  pan/zoom (one wheel event per frame): speedscope ${formatFrames(theirs!)}`);
  return { ours: ours!, theirs: theirs! };
}

/** Which cases run: `HS_BENCH_FLAME_CASES=synthetic,real` (the default), or one of them. */
function wantedCases(): Set<string> {
  const listed = (process.env.HS_BENCH_FLAME_CASES ?? 'synthetic,real').split(',').map((c) => c.trim());
  const unknown = listed.filter((c) => c !== 'synthetic' && c !== 'real');
  if (unknown.length > 0)
    throw new Error(`HS_BENCH_FLAME_CASES: unknown case ${unknown.join(', ')} (synthetic, real)`);
  return new Set(listed);
}

export const flameUiBench: Bench = {
  name: 'flame-ui',
  summary:
    'open synthetic ~10/33/100 MB CPU profiles and a real tsc profile in the flame graph, against speedscope in the same browser',
  async run(): Promise<BenchFigure[]> {
    const cases = wantedCases();
    ensureBuilt();
    const dir = await mkdtemp(join(tmpdir(), 'hyperscope-flame-bench-'));
    // speedscope's release build loads its own assets and a wasm module; the profile goes in by file input.
    const speedscope = await serveFolder(SPEEDSCOPE_DIR, {});
    try {
      const figures: BenchFigure[] = [];
      const url = `${speedscope.origin}/index.html`;
      const sizes = cases.has('synthetic')
        ? SIZES.slice(0, Number(process.env.BENCH_FLAME_SIZES) || SIZES.length)
        : [];
      for (const size of sizes) figures.push(await measureSize(dir, url, size));
      if (cases.has('real')) figures.push(...(await measureReal(dir, url)));
      return figures;
    } finally {
      await speedscope.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
