/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bench target on purpose */
// Entry of the part-toggle bench (`bench/part-toggle.ts`): runs the service at HS_SERVICE and, on IPC
// messages `{ part, on }`, switches one part of a recording's cost on or off in this same process, so
// each part is measured against the same warm process with nothing on, minutes apart at most.
const inspector = require('node:inspector');
const v8 = require('node:v8');
const { readFileSync } = require('node:fs');

const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
const pprof = () => require(process.env.HS_PPROF);
const WINDOW_MS = 5000; // a recording's profile window (`profileWindowMs`)
const DD_WALL = JSON.parse(process.env.HS_PPROF_TIME);
const HEAP_INTERVAL = 512 * 1024;
const KEEP_COLLECTED = { includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };

let timer;
let heapHandle;
let agent;
const parts = {
  // The CPU profile as the recorder takes it: the inspector's profiler at 10 ms, restarted every window
  // with a console profile open across the restart (`main/recorder/inline-frames.ts`), so V8 keeps its
  // code map: without it each start walks the heap (~15–30 ms on a 10 MB heap, 90–180 ms on 160 MB).
  'cpu-inspector': cpuProfilePart(false),
  // As the recorder does once per attach (inline-frames.ts): every function deoptimized after the start,
  // so hot code is optimized again while the profiler runs.
  'cpu-inspector-deopt': cpuProfilePart(true),
  'pprof-wall': { on: () => pprof().time.start(DD_WALL), off: () => pprof().time.stop() },
  // Allocation sampling as a recording left on does it (one window: they are 1–5 min long by then).
  // Node 26+: driven by the agent with `v8.startHeapProfile`, every sample kept, no forced GC; Node
  // 20–24: the inspector's sampler (its stop forces a full GC, which the next "off" phase carries).
  heap:
    typeof v8.startHeapProfile === 'function'
      ? {
          on() {
            heapHandle = v8.startHeapProfile({ sampleInterval: HEAP_INTERVAL, ...KEEP_COLLECTED });
          },
          off: () => heapHandle.stop(),
        }
      : {
          on: () =>
            post('HeapProfiler.startSampling', { samplingInterval: HEAP_INTERVAL, ...KEEP_COLLECTED }),
          off: () => post('HeapProfiler.stopSampling'),
        },
  // Both of dd-trace's profilers, as the record-cost bench's pprof regime starts them.
  pprof: {
    on() {
      pprof().time.start(DD_WALL);
      pprof().heap.start(HEAP_INTERVAL, 64);
    },
    off() {
      pprof().time.stop();
      pprof().heap.stop();
    },
  },
  // Only the inspector opened: the driver attaches a whole Hyperscope recording through it.
  inspector: {
    on() {
      if (!inspector.url()) inspector.open(0, '127.0.0.1');
      return { url: inspector.url() };
    },
    off() {},
  },
  'pprof-heap': { on: () => pprof().heap.start(HEAP_INTERVAL, 64), off: () => pprof().heap.stop() },
  // The agent with its collectors, collected every second as the recorder does.
  agent: agentPart({}),
  'agent-no-promises': agentPart({ promises: { enabled: false } }),
  // The agent collected as the recorder really does it: over a remote inspector session (the driver
  // evaluates `collect()` every second through the URL this part answers with).
  'agent-remote': agentPart({}, true),
};

function cpuProfilePart(deoptimize) {
  return {
    async on() {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 10_000 });
      await post('Profiler.start');
      if (deoptimize) {
        await post('Profiler.startPreciseCoverage', { callCount: false, detailed: false });
        await post('Profiler.stopPreciseCoverage');
      }
      timer = setInterval(async () => {
        console.profile('bridge');
        await post('Profiler.stop');
        await post('Profiler.start');
        console.profileEnd('bridge');
      }, WINDOW_MS);
    },
    async off() {
      clearInterval(timer);
      await post('Profiler.stop');
      await post('Profiler.disable');
    },
  };
}

function agentPart(options, remote = false) {
  return {
    on() {
      const api = new Function(
        'require',
        `${readFileSync(process.env.HS_AGENT, 'utf8')}\nreturn __hyperscopeAgent;`,
      )(require);
      api.install(require, options);
      agent = globalThis[Symbol.for(process.env.HS_AGENT_KEY)];
      if (!remote) timer = setInterval(() => agent.collect(), 1000);
      else {
        if (!inspector.url()) inspector.open(0, '127.0.0.1');
        return { url: inspector.url() };
      }
    },
    off() {
      clearInterval(timer);
      agent.detach();
    },
  };
}

/** `agent={"promises":{…}}`: the agent with those options. */
const partOf = (name) =>
  parts[name] ?? (name.startsWith('agent=') ? agentPart(JSON.parse(name.slice(6))) : undefined);

let current;
process.on('message', ({ part, on }) => {
  if (on) current = partOf(part);
  Promise.resolve(on ? current.on() : current.off()).then(
    (reply) => process.send({ ok: true, ...reply }),
    (error) => process.send({ ok: false, error: String(error) }),
  );
});
require(process.env.HS_SERVICE);
