// Builds the Node-side bundles with esbuild: the CLI (`out/cli/hyperscope.js`), the demo's load worker
// (`out/cli/demo-load-worker.js`, found beside the CLI), the agent (`out/agent/agent.js`, one
// self-contained script injected into targets) and the relay Hyperscope runs inside a container's
// network namespace (`out/reach/netns-relay.js`), and in-process mode: `out/register/register.cjs`
// (`node --require hyperscope/register`, tiny: it arms a signal) and the recorder worker it starts beside
// it (`out/register/recorder-worker.js`). Fast (< 1 s), so tests run it first.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

await Promise.all([
  build({
    entryPoints: ['main/cli/index.ts'],
    outfile: 'out/cli/hyperscope.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    define: { 'process.env.HYPERSCOPE_VERSION': JSON.stringify(version) },
    logLevel: 'warning',
  }),
  // Its own thread, so that recordings of `hyperscope demo --load` do not show the load as the service's.
  build({
    entryPoints: ['demo/load/load-worker.ts'],
    outfile: 'out/cli/demo-load-worker.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  }),
  // The worker-pool-starvation scenario's pricing thread (demo/support/bundled-worker.ts finds it).
  build({
    entryPoints: ['demo/scenarios/pricing-worker.ts'],
    outfile: 'out/cli/demo-pricing-worker.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  }),
  build({
    entryPoints: ['profiler-agent/index.ts'],
    outfile: 'out/agent/agent.js',
    bundle: true,
    platform: 'node',
    // An IIFE that assigns the agent's exports to a local name; the injector wraps it in a function.
    format: 'iife',
    globalName: '__hyperscopeAgent',
    target: 'node18',
    logLevel: 'warning',
  }),
  build({
    entryPoints: ['main/reach/relay/netns-relay.ts'],
    outfile: 'out/reach/netns-relay.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  }),
  // CommonJS so that both `--require` and `--import` load it; it only finds its worker by __dirname.
  build({
    entryPoints: ['main/in-process/register.ts'],
    outfile: 'out/register/register.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  }),
  build({
    entryPoints: ['main/in-process/recorder-worker.ts'],
    outfile: 'out/register/recorder-worker.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    define: { 'process.env.HYPERSCOPE_VERSION': JSON.stringify(version) },
    logLevel: 'warning',
  }),
]);
