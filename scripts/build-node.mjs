// Builds the Node-side bundles with esbuild: the CLI (`out/cli/hyperscope.js`), the demo's load worker
// (`out/cli/demo-load-worker.js`, found beside the CLI), the demo as CommonJS (`out/demo/demo.cjs`, which
// finds those workers in `out/cli/`), the agent (`out/agent/agent.js`, one
// self-contained script injected into targets) and the relay Hyperscope runs inside a container's
// network namespace (`out/reach/netns-relay.js`), and in-process mode: `out/register/register.cjs`
// (`node --require hyperscope/register`, tiny: it arms a signal) and the recorder worker it starts beside
// it (`out/register/recorder-worker.js`). Fast (< 1 s), so tests run it first.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** What every bundle shares: one file for Node 20, warnings shown. */
const bundle = (entry, outfile, options = {}) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    ...options,
  });

/** A bundle that runs Hyperscope's own code: npm packages stay in node_modules, with a source map. */
const hyperscopeCode = { packages: 'external', sourcemap: 'linked' };
const withVersion = { define: { 'process.env.HYPERSCOPE_VERSION': JSON.stringify(version) } };

await Promise.all([
  bundle('main/cli/index.ts', 'out/cli/hyperscope.js', { ...hyperscopeCode, ...withVersion }),
  // Its own thread, so that recordings of `hyperscope demo --load` do not show the load as the service's.
  bundle('demo/load/load-worker.ts', 'out/cli/demo-load-worker.js', hyperscopeCode),
  // `hyperscope demo` as a CommonJS service, so tests record the scenarios loaded by `require` too. esbuild
  // empties `import.meta` in CommonJS: its URL is the bundle's own, as in the ESM bundles.
  bundle('demo/demo-cjs.ts', 'out/demo/demo.cjs', {
    ...hyperscopeCode,
    format: 'cjs',
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // The worker-pool-starvation scenario's pricing thread (demo/support/bundled-worker.ts finds it).
  bundle('demo/scenarios/pricing-worker.ts', 'out/cli/demo-pricing-worker.js', hyperscopeCode),
  // An IIFE that assigns the agent's exports to a local name; the injector wraps it in a function.
  bundle('profiler-agent/index.ts', 'out/agent/agent.js', {
    format: 'iife',
    globalName: '__hyperscopeAgent',
    target: 'node18',
  }),
  bundle('main/reach/relay/netns-relay.ts', 'out/reach/netns-relay.js'),
  // CommonJS so that both `--require` and `--import` load it; it only finds its worker by __dirname.
  bundle('main/in-process/register.ts', 'out/register/register.cjs', { format: 'cjs' }),
  bundle('main/in-process/recorder-worker.ts', 'out/register/recorder-worker.js', {
    ...hyperscopeCode,
    ...withVersion,
  }),
]);
