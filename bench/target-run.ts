/**
 * Benchmark runs against freshly spawned HTTP targets, measuring besides throughput the CPU time the
 * TARGET spends per completed request (utime + stime from `/proc/<pid>/stat`). On a shared machine req/s
 * moves with everyone else's load; the robust figure is a PAIR: two targets pinned to the same core at
 * the same moment, each under the same paced load, so whatever else runs slows both alike and the ratio
 * of their CPU time per request is the cost of what differs between them.
 */
import autocannon, { type AutocannonOptions, type AutocannonResult } from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const TASKSET = '/usr/bin/taskset';

export interface StartedTarget {
  url: string;
  pid: number;
  stop(): void;
}

/** Pins this process (the load generator) to `core`, when `taskset` exists. */
export function pinSelf(core: number): void {
  if (existsSync(TASKSET))
    execFileSync(TASKSET, ['-cp', String(core), String(process.pid)], { stdio: 'ignore' });
}

/**
 * Starts `script` (which prints its port as its first stdout line) pinned to `core` (`null`: not pinned),
 * on the Node binary HS_BENCH_NODE names, or this process's.
 */
export async function startTarget(
  script: string,
  env: NodeJS.ProcessEnv,
  core: number | null,
  path = '/',
): Promise<StartedTarget> {
  const pin = core !== null && existsSync(TASKSET) ? [TASKSET, '-c', String(core)] : [];
  const [command, ...args] = [...pin, process.env.HS_BENCH_NODE ?? process.execPath, script];
  const child: ChildProcess = spawn(command!, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', () => reject(new Error('bench target exited')));
  });
  return { url: `http://127.0.0.1:${port}${path}`, pid: child.pid!, stop: () => child.kill() };
}

export interface Measured {
  requestsPerSecond: number;
  /** Target CPU time (user + system) per completed request, µs. */
  cpuUsPerRequest: number;
}

/** Drives `target` with autocannon (`overallRate` set: paced) and reads its CPU time around the run. */
export async function measure(
  target: StartedTarget,
  options: Omit<AutocannonOptions, 'url'>,
): Promise<Measured> {
  const before = cpuMicros(target.pid);
  const result: AutocannonResult = await autocannon({ ...options, url: target.url });
  const cpuUs = cpuMicros(target.pid) - before;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`bench target failed: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    requestsPerSecond: result.requests.average,
    cpuUsPerRequest: cpuUs / Math.max(1, result.requests.total),
  };
}

/** Both targets at once under the same load: their figures share the moment's machine load. */
export function measurePair(
  a: StartedTarget,
  b: StartedTarget,
  options: Omit<AutocannonOptions, 'url'>,
): Promise<[Measured, Measured]> {
  return Promise.all([measure(a, options), measure(b, options)]);
}

/**
 * One target at a time under the same load: `pairs` × (a then b, the order swapped every other pair),
 * so each has the core to itself as a service has its own; neighbouring runs share the machine's moment.
 */
export async function measureAlternating(
  a: StartedTarget,
  b: StartedTarget,
  options: Omit<AutocannonOptions, 'url'>,
  pairs: number,
): Promise<[Measured, Measured][]> {
  const out: [Measured, Measured][] = [];
  for (let pair = 0; pair < pairs; pair++) {
    if (pair % 2 === 0) {
      const first = await measure(a, options);
      out.push([first, await measure(b, options)]);
    } else {
      const second = await measure(b, options);
      out.push([await measure(a, options), second]);
    }
  }
  return out;
}

// Linux reports utime/stime in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
const TICK_US = 10_000;

/** CPU time a process has used so far (user + system, all its threads), µs. */
function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), which ends at the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}
