// A TypeScript service starving a 2-socket pool, run the ways TypeScript services run — tsx (`--import
// tsx`, ESM and CommonJS), tsx's `tsImport` of CommonJS (modules named by `data:` URLs), ts-node's
// CommonJS register and Node's own type stripping (`node app.ts`) — recorded by pid and reported: the
// pool-starvation finding's frames name billing's `.ts` file at the line of the queued call, and no
// `data:` URL is printed raw.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../core/frame';
import type { Report } from '../../core/report/report';
import { reportJson, runCli } from '../support/cli';
import { startLoad, startSlowUpstream } from '../support/cluster-service';
import { ensureNodeBundles } from '../support/node-bundles';
import { killNodeTargets, RANDOM_INSPECT_PORT, startProcess } from '../support/node-target';
import { installedPackage, nodeBinary } from '../support/node-versions';
import { GET_LINE, writeTsService, type ModuleForm } from './ts-service';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

interface Recorded {
  report: Report;
  text: string;
  json: string;
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
  const service = await startProcess(node, [RANDOM_INSPECT_PORT, ...args(paths)], 'ready', env, paths.dir);
  const port = Number(/ready (\d+)/.exec(service.output.stdout)?.[1]);
  const load = startLoad(port, 12, 30_000);
  const file = join(paths.dir, 'service.hyperscope');
  try {
    const recordArgs = ['record', '--pid', String(service.pid), '--duration', '5s', '--interval', '500ms'];
    const result = await runCli([...recordArgs, '-o', file], { timeoutMs: 60_000 });
    expect(result.code, `${result.stderr}\nservice: ${service.output.stderr}`).toBe(0);
  } finally {
    await load.stop();
    service.child.kill('SIGKILL');
  }
  const json = (await runCli(['report', '--json', file])).stdout;
  return {
    report: await reportJson(file),
    text: (await runCli(['report', file])).stdout,
    json,
    billing: paths.billing,
  };
}

/** The pool-starvation finding's frames, which must name billing at the queued call's line. */
function expectBillingFrames({ report, text, json, billing }: Recorded): void {
  const starved = report.findings.find((finding) => finding.kind === 'pool-starvation');
  expect(starved, text).toBeDefined();
  const inBilling = (frame: Frame): boolean => frame.url === billing || frame.url === `file://${billing}`;
  expect(starved!.frames.find(inBilling), JSON.stringify(starved!.frames)).toMatchObject({ line: GET_LINE });
  expect(text).toMatch(new RegExp(`billing\\.[mc]?ts:${GET_LINE}:\\d+`));
  expect(json).not.toContain('data:text');
  expect(text).not.toContain('data:text');
}

describe('TypeScript services: pool-starvation frames at their .ts lines', () => {
  it('tsx, ESM: node --import tsx app.ts', async () => {
    expectBillingFrames(
      await recordService('esm', '.ts', process.execPath, () => ['--import', 'tsx', 'app.ts']),
    );
  }, 90_000);

  it('tsx, CommonJS: node --import tsx app.cts', async () => {
    expectBillingFrames(
      await recordService('cjs', '.cts', process.execPath, () => ['--import', 'tsx', 'app.cts']),
    );
  }, 90_000);

  it("tsx's tsImport of CommonJS (data: modules): frames mapped to app.cts, no data: URL printed", async () => {
    const recorded = await recordService('cjs', '.cts', process.execPath, ({ dir }) => {
      writeFileSync(
        join(dir, 'main.mjs'),
        "import { tsImport } from 'tsx/esm/api';\nawait tsImport('./app.cts', import.meta.url);\n",
      );
      return ['main.mjs'];
    });
    expectBillingFrames(recorded);
    const starved = recorded.report.findings.find((finding) => finding.kind === 'pool-starvation')!;
    const app = recorded.billing.replace(/billing\.cts$/, 'app.cts');
    // app.cts line 6 makes the calls; tsx gave V8 its compiled code as a data: URL.
    expect(starved.frames.find((frame) => frame.url === `file://${app}`)).toMatchObject({ line: 6 });
  }, 90_000);

  it('ts-node, CommonJS: node -r ts-node/register/transpile-only app.ts', async () => {
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
    expectBillingFrames(recorded);
  }, 180_000);

  it.each([22, 24, 26] as const)(
    "Node %i's type stripping: node app.ts",
    async (major) => {
      const node = await nodeBinary(major);
      expectBillingFrames(await recordService('esm', '.ts', node, () => ['app.ts']));
    },
    180_000,
  );

  it("Node 24's type stripping, CommonJS: node app.cts", async () => {
    const node = await nodeBinary(24);
    expectBillingFrames(await recordService('cjs', '.cts', node, () => ['app.cts']));
  }, 180_000);
});
