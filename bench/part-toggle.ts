/**
 * The parts of a recording's cost, measured with less noise than `record-cost`: ONE warm target (the
 * promise-heavy service by default), each part switched on and off in that same process
 * (`targets/part-toggle-entry.cjs`), every "on" phase between two "off" phases of the same process a
 * few seconds away. A part's ratio is the mean CPU per request of its two neighbouring "off" phases ÷
 * its own; cycles repeat the parts in turn. What process-to-process differences (memory layout, JIT
 * decisions) and the machine's drift add to `record-cost`'s fresh targets falls out of the pairing.
 * Steady state only: a part's start-up (a first compile, the forced GCs of the inspector's heap
 * sampler) is not what this measures, except by the part `recording`: a whole `hyperscope record` at
 * its defaults attached over the inspector each cycle and measured from 12 s after it began.
 *   HS_TOGGLE_PARTS=cpu-inspector,pprof-wall HS_TOGGLE_CYCLES=8 npx tsx bench/run.ts part-toggle
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { AGENT_GLOBAL_KEY } from '../core/agent-protocol';
import { connectInspector } from '../main/inspector/inspector-session';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachHyperscope, type RecordingOverrides } from './attach-hyperscope';
import { median, type Bench, type BenchFigure } from './bench';
import { DD_TRACE_PPROF } from './record-cost-regimes';
import { measure, pinSelf, type StartedTarget } from './target-run';

const SERVICE = process.env.HS_TOGGLE_SERVICE ?? 'promise-heavy';
const RATE = Number(process.env.HS_TOGGLE_RATE ?? 8000);
const CYCLES = Number(process.env.HS_TOGGLE_CYCLES ?? 6);
const SETTLE_S = 2;
/** Seconds a whole recording ('recording') runs before it is measured. */
const RECORDING_SETTLE_S = 12;
const MEASURE_S = Number(process.env.HS_TOGGLE_MEASURE_S ?? 6);
const WARMUP_S = 20;
const DEFAULT_PARTS = ['cpu-inspector', 'pprof-wall', 'heap', 'pprof-heap', 'agent', 'agent-no-promises'];

/** Switches `part`; a part the driver must also drive remotely answers with an inspector URL. */
type Toggle = (part: string, on: boolean) => Promise<{ url?: string }>;

async function startToggleTarget(): Promise<{ target: StartedTarget; toggle: Toggle }> {
  const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const child = spawn(
    '/usr/bin/taskset',
    ['-c', '0', process.env.HS_BENCH_NODE ?? process.execPath, here('./targets/part-toggle-entry.cjs')],
    {
      env: {
        ...process.env,
        HS_SERVICE: here(`./targets/${SERVICE}.cjs`),
        HS_PPROF: createRequire(import.meta.url).resolve('@datadog/pprof'),
        HS_PPROF_TIME: JSON.stringify(DD_TRACE_PPROF.time),
        HS_AGENT: here('../out/agent/agent.js'),
        HS_AGENT_KEY: AGENT_GLOBAL_KEY,
      },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', () => reject(new Error('part-toggle target exited')));
  });
  const toggle: Toggle = (part, on) =>
    new Promise((resolve, reject) => {
      child.once('message', (reply: { ok: boolean; error?: string; url?: string }) =>
        reply.ok ? resolve(reply) : reject(new Error(`${part} ${on ? 'on' : 'off'}: ${reply.error}`)),
      );
      child.send({ part, on });
    });
  const target = { url: `http://127.0.0.1:${port}/?id=7`, pid: child.pid!, stop: () => child.kill() };
  return { target, toggle };
}

/** A whole `hyperscope record` at its defaults attached over the inspector at `url`; returns the stop. */
async function recordRemotely(url: string, overrides: RecordingOverrides): Promise<() => Promise<void>> {
  const file = join(mkdtempSync(join(tmpdir(), 'hs-toggle-')), 'url');
  writeFileSync(file, url);
  return attachHyperscope('record', file, overrides);
}

/** Evaluates the installed agent's `collect()` every second over the inspector at `url`; returns the stop. */
async function collectRemotely(url: string): Promise<() => Promise<void>> {
  const host = new URL(url.replace(/^ws/, 'http'));
  const [entry] = (await (await fetch(`http://${host.host}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const session = await connectInspector(entry!.webSocketDebuggerUrl);
  const expression = `globalThis[Symbol.for(${JSON.stringify(AGENT_GLOBAL_KEY)})].collect()`;
  const timer = setInterval(
    () => void session.send('Runtime.evaluate', { expression }).catch(() => undefined),
    1000,
  );
  return async () => {
    clearInterval(timer);
    await session.close();
  };
}

export const partToggleBench: Bench = {
  name: 'part-toggle',
  summary: `one warm ${SERVICE} target at ${RATE} req/s, each part of a recording switched on and off in it, ${CYCLES} cycles: CPU per request with nothing on ÷ with the part on (neighbouring phases)`,
  onlyWhenNamed: true,
  async run(): Promise<BenchFigure[]> {
    pinSelf(1);
    const parts = process.env.HS_TOGGLE_PARTS?.split(',') ?? DEFAULT_PARTS;
    const { target, toggle } = await startToggleTarget();
    const paced = (duration: number) => ({ connections: 16, overallRate: RATE, duration });
    const cpuPerRequest = async () => (await measure(target, paced(MEASURE_S))).cpuUsPerRequest;
    const ratios = new Map<string, number[]>(parts.map((part) => [part, []]));
    try {
      await measure(target, paced(WARMUP_S));
      let off = await cpuPerRequest();
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        for (const part of parts) {
          // `recording={"cpu":false}`: a whole recording with those options laid over the defaults.
          const whole = part === 'recording' || part.startsWith('recording=');
          const overrides = part.startsWith('recording=')
            ? (JSON.parse(part.slice(10)) as RecordingOverrides)
            : {};
          const { url } = await toggle(whole ? 'inspector' : part, true);
          const remote = url ? await (whole ? recordRemotely(url, overrides) : collectRemotely(url)) : null;
          // A whole recording is measured past its start (the deoptimization once per attach, the first two
          // allocation windows), as record-cost's "left on" is; so is that deoptimization alone.
          const settle = whole || part === 'cpu-inspector-deopt' ? RECORDING_SETTLE_S : SETTLE_S;
          await measure(target, paced(settle));
          const on = await cpuPerRequest();
          await remote?.();
          await toggle(whole ? 'inspector' : part, false);
          await measure(target, paced(SETTLE_S));
          const next = await cpuPerRequest();
          ratios.get(part)!.push((off + next) / 2 / on);
          if (process.env.HS_BENCH_VERBOSE)
            console.log(`${part}: off ${off.toFixed(1)} on ${on.toFixed(1)} off ${next.toFixed(1)} µs`);
          off = next;
        }
      }
    } finally {
      target.stop();
    }
    return parts.map((part) => {
      const values = ratios.get(part)!;
      const range = `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
      return {
        name: `${part} (${range})`,
        value: median(values),
        baseline: 1,
        baselineName: 'off',
        unit: '×',
      };
    });
  },
};
