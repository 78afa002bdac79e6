/**
 * What naming a leak's code costs the agent: the agent built from HEAD against the agent built from the
 * commit before socket openers and unread responses were tracked (`HS_BENCH_BEFORE`, default below), each
 * installed in a fresh target process and collected every second as the recorder does. The target calls
 * a local upstream through one `http.Agent`, 16 calls at a time, in three workloads:
 *   keepalive  every call reuses an idle socket (the common case: no stack, one more property read);
 *   new-socket `keepAlive: false`, a new socket per call (every call goes through `createSocket`);
 *   leaking    one call in four never reads its response (up to 1,500 sockets held, scanned at each collection).
 * Figures: the target's CPU time per call (µs) and per collection (`collectCpuMs`, the timed ones and three
 * on the state the calls left), medians over rounds,
 * the two builds alternating so the machine's other load hits both alike.
 *   npx tsx bench/run.ts socket-openers      (HS_BENCH_ROUNDS=n, HS_BENCH_BEFORE=<commit>)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median, type Bench, type BenchFigure } from './bench';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The parent of the first commit that tracked openers (PoolOrigin.openedFrom). */
const BEFORE = process.env.HS_BENCH_BEFORE ?? 'a981a56^';
const ROUNDS = Number(process.env.HS_BENCH_ROUNDS ?? 5);
const WORKLOADS = ['keepalive', 'new-socket', 'leaking'] as const;
type Workload = (typeof WORKLOADS)[number];
const CALLS: Record<Workload, number> = { keepalive: 20_000, 'new-socket': 6_000, leaking: 6_000 };

const TARGET = `
const http = require('node:http');
const fs = require('node:fs');
const bundle = fs.readFileSync(process.env.HS_AGENT, 'utf8');
const api = new Function('require', bundle + '\\nreturn __hyperscopeAgent;\\n//# sourceURL=hyperscope-agent.js')(require);
api.install(require, {});
const agentApi = globalThis[Symbol.for('hyperscope.agent')];
const collectMs = [];
const timer = setInterval(() => collectMs.push(JSON.parse(agentApi.collect()).agent.collectCpuMs), 1000);
const workload = process.env.HS_WORKLOAD;
const calls = Number(process.env.HS_CALLS);
const held = [];
const upstream = http.createServer((req, res) => { req.resume(); res.end('{"ok":true}'); });
upstream.keepAliveTimeout = 60_000;
upstream.listen(0, '127.0.0.1', async () => {
  const pool = new http.Agent({ keepAlive: workload !== 'new-socket' });
  const url = 'http://127.0.0.1:' + upstream.address().port + '/item';
  let n = 0;
  const call = () => new Promise((resolve, reject) => {
    const leak = workload === 'leaking' && n++ % 4 === 0 && held.length < 1500;
    http.get(url, { agent: pool }, (res) => {
      if (leak) { held.push(res); return resolve(); }
      res.resume(); res.on('end', resolve);
    }).on('error', reject);
  });
  for (let i = 0; i < 200; i++) await call(); // warm-up
  const start = process.cpuUsage();
  let left = calls;
  await Promise.all(Array.from({ length: 16 }, async () => { while (left-- > 0) await call(); }));
  const used = process.cpuUsage(start);
  clearInterval(timer);
  // A short workload may end before its first timed collection: three more, on the state it left.
  for (let i = 0; i < 3; i++) collectMs.push(JSON.parse(agentApi.collect()).agent.collectCpuMs);
  const sorted = collectMs.slice().sort((a, b) => a - b);
  console.log(JSON.stringify({ cpuUsPerCall: (used.user + used.system) / calls,
    collectMs: sorted[sorted.length >> 1] ?? 0 }));
  process.exit(0);
});
`;

/** The agent bundle as built from `commit`'s sources (the working tree is not touched). */
async function agentAt(commit: string, dir: string): Promise<string> {
  const src = join(dir, 'src');
  mkdirSync(src, { recursive: true });
  const archive = execFileSync('git', ['archive', commit, 'profiler-agent', 'core'], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', src], { input: archive });
  const outfile = join(dir, 'agent.js');
  await build({
    entryPoints: [join(src, 'profiler-agent/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'iife',
    globalName: '__hyperscopeAgent',
    target: 'node18',
    logLevel: 'warning',
    // Bare imports (none in the agent today) resolve from this checkout.
    nodePaths: [join(ROOT, 'node_modules')],
  });
  return outfile;
}

/** One target process's figures: CPU per call (µs) and per collection (ms). */
interface OpenerRun {
  cpuUsPerCall: number;
  collectMs: number;
}

async function runOnce(script: string, agent: string, workload: Workload): Promise<OpenerRun> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, HS_AGENT: agent, HS_WORKLOAD: workload, HS_CALLS: String(CALLS[workload]) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(out.trim()) as OpenerRun;
}

export const socketOpenersBench: Bench = {
  name: 'socket-openers',
  summary: `agent with socket-opener and unread-response tracking (HEAD) vs before (${BEFORE}), CPU per call and per collection`,
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'hyperscope-bench-openers-'));
    try {
      const before = await agentAt(BEFORE, join(dir, 'before'));
      const after = await agentAt('HEAD', join(dir, 'after'));
      const script = join(dir, 'target.cjs');
      writeFileSync(script, TARGET);
      const figures: BenchFigure[] = [];
      for (const workload of WORKLOADS) {
        const runs: Record<'before' | 'after', OpenerRun[]> = { before: [], after: [] };
        for (let round = 0; round < ROUNDS; round++) {
          runs.before.push(await runOnce(script, before, workload));
          runs.after.push(await runOnce(script, after, workload));
        }
        const show = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
        console.log(
          `  ${workload}: µs/call before ${show(runs.before.map((r) => r.cpuUsPerCall))}; ` +
            `after ${show(runs.after.map((r) => r.cpuUsPerCall))}`,
        );
        const of = (side: 'before' | 'after', key: 'cpuUsPerCall' | 'collectMs') =>
          median(runs[side].map((r) => r[key]));
        figures.push(
          {
            name: `${workload} CPU/call`,
            value: of('after', 'cpuUsPerCall'),
            baseline: of('before', 'cpuUsPerCall'),
            unit: 'µs',
            baselineName: 'before',
          },
          {
            name: `${workload} collect`,
            value: of('after', 'collectMs'),
            baseline: of('before', 'collectMs'),
            unit: 'ms',
            baselineName: 'before',
          },
        );
      }
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
