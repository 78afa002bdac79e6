// A TypeScript service starving a 2-socket pool, run the ways TypeScript services run — tsx (`--import
// tsx`, ESM and CommonJS), tsx's `tsImport` of CommonJS (modules named by `data:` URLs), ts-node's
// CommonJS register and Node's own type stripping (`node app.ts`) — recorded by pid and reported: the
// pool-starvation finding's frames name billing's `.ts` file at the line of the queued call, its hottest
// function `price` is in the CPU table and a flame export at its `.ts` line (tsx and ts-node ran code
// compiled in memory whose lines are others: the session carries its inline maps), and no `data:` URL
// is printed raw. One recording per loader serves every assertion; the loaders run concurrently.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import type { Frame } from '../../core/frame';
import type { Report } from '../../core/report/report';
import { runCli } from '../support/cli';
import { startLoad, startSlowUpstream } from '../support/cluster-service';
import { ensureNodeBundles } from '../support/node-bundles';
import { killNodeTargets, startProcess } from '../support/node-target';
import { installedPackage, nodeBinary } from '../support/node-versions';
import { GET_LINE, PRICE_LINE, writeTsService, type ModuleForm } from './ts-service';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

interface Recorded {
  report: Report;
  text: string;
  json: string;
  /** The CPU profile as folded stacks (`export --format folded`): a flame graph's frames. */
  folded: string;
  billing: string;
}

let upstream: Awaited<ReturnType<typeof startSlowUpstream>>;
beforeAll(async () => {
  ensureNodeBundles();
  upstream = await startSlowUpstream(250);
});
afterAll(async () => {
  await killNodeTargets();
  await upstream.close();
});

/** Writes the service, runs `node ARGS` in its dir (ARGS from its paths), records it under load, reports. */
async function recordService(
  form: ModuleForm,
  ext: '.ts' | '.mts' | '.cts',
  node: string,
  args: (paths: { dir: string; app: string }) => string[],
): Promise<Recorded> {
  const paths = writeTsService(form, ext);
  symlinkSync(NODE_MODULES, join(paths.dir, 'node_modules'));
  const env = { UPSTREAM_PORT: String(upstream.port) };
  // Inspector open from the start: on a loaded machine, opening it by SIGUSR1 took longer than the
  // recorder waits (2 s), and attaching by signal is not what these tests are about.
  const inspect = '--inspect=127.0.0.1:0';
  const service = await startProcess(node, [inspect, ...args(paths)], 'ready', env, paths.dir);
  const port = Number(/ready (\d+)/.exec(service.output.stdout)?.[1]);
  const load = startLoad(port, 12, 30_000);
  const file = join(paths.dir, 'service.hyperscope');
  try {
    const recordArgs = ['record', '--pid', String(service.pid), '--duration', '5s', '--interval', '500ms'];
    const result = await runCli([...recordArgs, '-o', file], { timeoutMs: 60_000 });
    if (result.code !== 0)
      throw new Error(`record failed: ${result.stderr}\nservice: ${service.output.stderr}`);
  } finally {
    await load.stop();
    service.child.kill('SIGKILL');
  }
  const [json, text, folded] = await Promise.all([
    runCli(['report', '--json', file]),
    runCli(['report', file]),
    runCli(['export', file, '--format', 'folded', '-o', '-']),
  ]);
  for (const run of [json, text, folded]) if (run.code !== 0) throw new Error(run.stderr);
  return {
    report: JSON.parse(json.stdout) as Report,
    text: text.stdout,
    json: json.stdout,
    folded: folded.stdout,
    billing: paths.billing,
  };
}

/**
 * The pool-starvation finding's frames name billing at the queued call's line; billing's `price` is in
 * the CPU table and the folded export at its declaration's line.
 */
function expectBillingLines(expect: ExpectStatic, recorded: Recorded): void {
  const { report, text, json, folded, billing } = recorded;
  const starved = report.findings.find((finding) => finding.kind === 'pool-starvation');
  expect(starved, text).toBeDefined();
  const inBilling = (frame: Frame): boolean => frame.url === billing || frame.url === `file://${billing}`;
  expect(starved!.frames.find(inBilling), JSON.stringify(starved!.frames)).toMatchObject({ line: GET_LINE });
  expect(text).toMatch(new RegExp(`billing\\.[mc]?ts:${GET_LINE}:\\d+`));
  const priced = report.cpu?.top.filter((row) => row.frame.functionName === 'price') ?? [];
  expect(priced.length, text).toBeGreaterThan(0);
  // Every row of price, wherever its samples fell: none at a compiled line.
  for (const row of priced) expect(inBilling(row.frame) && row.frame.line, text).toBe(PRICE_LINE);
  // price allocates only until TurboFan optimizes it: where it is in the allocation table, it is at its line.
  for (const row of report.allocations?.top ?? [])
    if (row.frame.functionName === 'price')
      expect(inBilling(row.frame) && row.frame.line, text).toBe(PRICE_LINE);
  expect(folded).toMatch(new RegExp(`;price \\([^)]*billing\\.[mc]?ts:${PRICE_LINE}:\\d+\\) \\d+\\n`));
  expect(folded).not.toMatch(new RegExp(`;price \\([^)]*billing\\.[mc]?ts:(?!${PRICE_LINE}:)`));
  expect(json).not.toContain('data:text');
  expect(text).not.toContain('data:text');
  expect(folded).not.toContain('data:text');
}

describe.concurrent('TypeScript services: finding frames and CPU positions at their .ts lines', () => {
  it('tsx, ESM: node --import tsx app.ts', async ({ expect }) => {
    const recorded = await recordService('esm', '.ts', process.execPath, () => ['--import', 'tsx', 'app.ts']);
    expectBillingLines(expect, recorded);
  }, 90_000);

  it('tsx, CommonJS: node --import tsx app.cts', async ({ expect }) => {
    const recorded = await recordService('cjs', '.cts', process.execPath, () => [
      '--import',
      'tsx',
      'app.cts',
    ]);
    expectBillingLines(expect, recorded);
  }, 90_000);

  it("tsx's tsImport of CommonJS (data: modules): frames mapped to app.cts, no data: URL printed", async ({
    expect,
  }) => {
    const recorded = await recordService('cjs', '.cts', process.execPath, ({ dir }) => {
      writeFileSync(
        join(dir, 'main.mjs'),
        "import { tsImport } from 'tsx/esm/api';\nawait tsImport('./app.cts', import.meta.url);\n",
      );
      return ['main.mjs'];
    });
    expectBillingLines(expect, recorded);
    const starved = recorded.report.findings.find((finding) => finding.kind === 'pool-starvation')!;
    const app = recorded.billing.replace(/billing\.cts$/, 'app.cts');
    // app.cts line 6 makes the calls; tsx gave V8 its compiled code as a data: URL.
    expect(starved.frames.find((frame) => frame.url === `file://${app}`)).toMatchObject({ line: 6 });
  }, 90_000);

  it('ts-node, CommonJS: node -r ts-node/register/transpile-only app.ts', async ({ expect }) => {
    const register = await installedPackage(
      'ts-node@10.9.2',
      'ts-node-10.9.2',
      'ts-node/register/transpile-only.js',
    );
    const recorded = await recordService('cjs', '.ts', process.execPath, ({ dir }) => {
      // ts-node's default config (module NodeNext) does not compile with the TypeScript it installs.
      const options = { module: 'commonjs', moduleResolution: 'node', target: 'es2022' };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options }));
      return ['-r', register, 'app.ts'];
    });
    expectBillingLines(expect, recorded);
  }, 180_000);

  // Type stripping replaces types with blanks: the code V8 runs keeps the file's lines, with no map.
  it.for([22, 24, 26] as const)(
    "Node %i's type stripping: node app.ts",
    { timeout: 180_000 },
    async (major, { expect }) => {
      const node = await nodeBinary(major);
      expectBillingLines(expect, await recordService('esm', '.ts', node, () => ['app.ts']));
    },
  );

  it("Node 24's type stripping, CommonJS: node app.cts", async ({ expect }) => {
    const node = await nodeBinary(24);
    expectBillingLines(expect, await recordService('cjs', '.cts', node, () => ['app.cts']));
  }, 180_000);
});
