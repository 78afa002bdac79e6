/**
 * The Node built-ins the agent uses, resolved once at install. The agent never imports them
 * statically: inside `Runtime.evaluate` there is no module scope, so they come from
 * `process.getBuiltinModule` (Node ≥ 20.16 / 22.3) or the command-line `require` the evaluation passes in.
 */
export interface Builtins {
  async_hooks: typeof import('node:async_hooks');
  diagnostics_channel: typeof import('node:diagnostics_channel');
  fs: typeof import('node:fs');
  http: typeof import('node:http');
  https: typeof import('node:https');
  net: typeof import('node:net');
  os: typeof import('node:os');
  perf_hooks: typeof import('node:perf_hooks');
  tls: typeof import('node:tls');
  /** `util.inspect` is the only public way to read a promise's state (settle checks). */
  util: typeof import('node:util');
  v8: typeof import('node:v8');
  /**
   * Only when the target had loaded it before the agent came (a service without worker threads gets no new
   * module); workers made later are seen through the `worker_threads` diagnostics channel.
   */
  worker_threads?: typeof import('node:worker_threads');
}

export type RequireLike = (id: string) => unknown;

const NAMES: Exclude<keyof Builtins, 'worker_threads'>[] = [
  'async_hooks',
  'diagnostics_channel',
  'fs',
  'http',
  'https',
  'net',
  'os',
  'perf_hooks',
  'tls',
  'util',
  'v8',
];

/**
 * Resolves every built-in, preferring `process.getBuiltinModule` over the given `require`. Only the install
 * (run at a clean turn of the event loop) loads modules: `collect`, `call` and `detach` arrive as
 * inspector interrupts in the middle of the target's code, and use only what was resolved here.
 */
export function resolveBuiltins(requireFn: RequireLike | undefined): Builtins {
  const out: Partial<Record<keyof Builtins, unknown>> = {};
  for (const name of NAMES) out[name] = loadBuiltin(requireFn, name);
  if (isLoaded('worker_threads')) out.worker_threads = loadBuiltin(requireFn, 'worker_threads');
  return out as Builtins;
}

/** Whether the target has loaded built-in `name` (false when Node does not say). */
function isLoaded(name: string): boolean {
  const list = (process as { moduleLoadList?: unknown }).moduleLoadList;
  return Array.isArray(list) && list.includes(`NativeModule ${name}`);
}

/** One built-in by name (`inspector`, not `node:inspector`); never call it from an inspector interrupt. */
export function loadBuiltin(requireFn: RequireLike | undefined, name: string): unknown {
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof getBuiltin === 'function') return getBuiltin.call(process, `node:${name}`);
  if (typeof requireFn === 'function') return requireFn(`node:${name}`);
  throw new Error('hyperscope agent: neither process.getBuiltinModule nor require is available');
}
