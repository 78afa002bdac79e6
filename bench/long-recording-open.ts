/**
 * What opening a long recording costs (`long-recording.ts`): `hyperscope report FILE` (text and
 * `--json`) as child processes under `/usr/bin/time` for their peak RSS, the same for a floor — a Node
 * process that only reads the file and `JSON.parse`s every line, keeping nothing (what any reader of
 * the file must at least do) — and the app in browser mode (`hyperscope ui FILE`, headless Chromium)
 * until the Dashboard, then the CPU view's flame graph, is drawn, with the server's peak RSS and the
 * page's JS heap.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withAppOpened } from './app-open';
import { statusMiB } from './long-recording-samples';

export interface ProcessCost {
  /** Wall time from spawn to exit, ms. */
  ms: number;
  /** Peak resident set (`/usr/bin/time` %M), MiB. */
  peakMiB: number;
}

/** Reads the file named by its argument line by line and parses each line, keeping nothing. */
const PARSE_EVERY_LINE = `const rl = require('node:readline').createInterface({
  input: require('node:fs').createReadStream(process.argv[1], 'utf8'), crlfDelay: Infinity });
let n = 0;
rl.on('line', (line) => { if (line) { JSON.parse(line); n++; } });
rl.on('close', () => console.log(n + ' records'));`;

/** `node ARGS…` under `/usr/bin/time`, its output discarded; throws when it fails. */
export async function timeNode(args: string[], scratch: string): Promise<ProcessCost> {
  const timeFile = join(scratch, 'open-time.txt');
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}`);
  return { ms, peakMiB: Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024 };
}

/** The floor: read and parse every line of `file`. */
export function timeParseFloor(file: string, scratch: string): Promise<ProcessCost> {
  return timeNode(['-e', PARSE_EVERY_LINE, file], scratch);
}

/** `hyperscope report FILE [--json]`. */
export function timeReport(cli: string, file: string, json: boolean, scratch: string): Promise<ProcessCost> {
  return timeNode([cli, 'report', file, ...(json ? ['--json'] : [])], scratch);
}

export interface AppOpen {
  /** From `hyperscope ui FILE` started (Chromium already up) until the Dashboard's title shows, ms. */
  dashboardMs: number;
  /** … until the CPU view's flame graph is drawn (two frames after it shows), ms. */
  flameMs: number;
  /** The `hyperscope ui` server's peak resident set (VmHWM) just before it is stopped, MiB. */
  serverPeakMiB: number;
  /** The page's JS heap in use and reserved once the flame graph is drawn (CDP `Performance.getMetrics`), MiB. */
  pageHeapUsedMiB: number;
  pageHeapTotalMiB: number;
}

/** Opens `file` in the app's browser mode as flame-ui.ts does, with 10 minutes allowed for each step. */
export async function timeApp(file: string): Promise<AppOpen> {
  const options = { timeoutMs: 600_000, drawDashboard: true };
  return withAppOpened(file, options, async ({ context, page, problems, ui, dashboardMs, flameMs }) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) / 2 ** 20;
    if (problems.length > 0) console.log(`  app: page errors: ${problems.join(' | ')}`);
    return {
      dashboardMs,
      flameMs,
      serverPeakMiB: statusMiB(ui.child.pid!, 'VmHWM'),
      pageHeapUsedMiB: metric('JSHeapUsedSize'),
      pageHeapTotalMiB: metric('JSHeapTotalSize'),
    };
  });
}
