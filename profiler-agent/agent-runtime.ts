/**
 * The installed agent: starts the collectors, assembles snapshots, dispatches calls, and undoes
 * everything on detach. Every entry point returns a string and never throws: a failing collector
 * yields an empty section and a `dropped['collector.<name>']` count.
 */
import type { AgentCallReply, AgentHello, AgentOptions, AgentSnapshot } from '../core/agent-protocol';
import type { Builtins } from './builtins';
import type { Collector, CollectorContext } from './collector';
import type { CollectorSet, CoreCollectors } from './collectors';
import { cpuMicros } from './cpu-clock';
import { DropCounter } from './drop-counters';

/** What lives at `globalThis[Symbol.for(AGENT_GLOBAL_KEY)]` in the target. */
export interface InstalledAgent {
  readonly version: number;
  /** The hello of the install that created this agent. */
  hello(): AgentHello;
  /** JSON of an {@link AgentSnapshot}. */
  collect(): string;
  /** JSON of an {@link AgentCallReply}; `method` is `<collector>.<method>`, `argJson` its JSON argument. */
  call(method: string, argJson: string): string;
  /** Stops every collector and removes every hook and patch; later calls answer "detached". */
  detach(): void;
  /** `http.Agent.prototype`, for Hyperscope to find every agent on the heap (`Runtime.queryObjects`). */
  httpAgentPrototype(): object;
  /** Tracks the `http.Agent`s among `candidates` (an array of heap objects); how many were new. */
  adoptHttpAgents(candidates: unknown): number;
}

type CoreSections = { [K in keyof CoreCollectors]: CoreCollectors[K] extends Collector<infer S> ? S : never };

function emptySections(): CoreSections {
  return {
    resources: {},
    sockets: { sockets: { connecting: 0, open: 0, idle: 0, destroyedReferenced: 0, total: 0 }, peers: [] },
    pools: [],
    fds: { open: null, limit: null },
    eventLoop: { delayP50Ms: 0, delayP99Ms: 0, delayMaxMs: 0, utilization: 0 },
    memory: { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 },
    http: { inFlight: 0, completed: 0, errors: 0 },
  };
}

export function startAgent(
  builtins: Builtins,
  options: AgentOptions,
  createSet: (drop: (reason: string) => void) => CollectorSet,
  hello: AgentHello,
): InstalledAgent {
  const drops = new DropCounter();
  let agentWork = 0;
  let detached = false;
  const context: CollectorContext = {
    builtins,
    options,
    drop: (reason, count) => drops.add(reason, count),
    isAgentWork: () => agentWork > 0,
  };
  const set = createSet((reason) => drops.add(reason));
  const collectors: Collector[] = [...Object.values(set.core), ...set.extensions];

  /** Runs agent work: marks it as ours and turns any error into a counted drop. */
  const asAgent = <T>(reason: string, work: () => T, fallback: T): T => {
    agentWork++;
    try {
      return work();
    } catch {
      drops.add(reason);
      return fallback;
    } finally {
      agentWork--;
    }
  };

  asAgent('start.shared', () => set.startShared(context), undefined);
  for (const collector of collectors)
    asAgent(`start.${collector.name}`, () => collector.start(context), undefined);

  const collectSnapshot = (): AgentSnapshot => {
    const started = cpuMicros();
    const now = Date.now();
    const sections = emptySections();
    const core = set.core as unknown as Record<string, Collector>;
    const out = sections as unknown as Record<string, unknown>;
    for (const name of Object.keys(core)) {
      const collector = core[name];
      if (collector) out[name] = asAgent(`collector.${name}`, () => collector.collect(now), out[name]);
    }
    const extensions: Record<string, unknown> = {};
    for (const collector of set.extensions) {
      const section = asAgent(`collector.${collector.name}`, () => collector.collect(now), undefined);
      if (section !== undefined) extensions[collector.name] = section;
    }
    const snapshot: AgentSnapshot = {
      time: now,
      resources: sections.resources,
      sockets: sections.sockets.sockets,
      peers: sections.sockets.peers,
      pools: sections.pools,
      fds: sections.fds,
      eventLoop: sections.eventLoop,
      memory: sections.memory,
      http: sections.http,
      agent: { collectCpuMs: 0, dropped: {} },
    };
    if (set.extensions.length > 0) snapshot.extensions = extensions;
    snapshot.agent.collectCpuMs = (cpuMicros() - started) / 1000;
    snapshot.agent.dropped = drops.snapshot();
    return snapshot;
  };

  const reply = (value: AgentCallReply): string => JSON.stringify(value);

  return {
    version: hello.version,
    hello: () => ({ ...hello }),
    collect() {
      if (detached) return 'null';
      return asAgent('collect', () => JSON.stringify(collectSnapshot()), 'null');
    },
    call(method, argJson) {
      if (detached) return reply({ ok: false, error: 'agent detached' });
      return asAgent(
        'call',
        () => {
          const dot = method.indexOf('.');
          const owner = collectors.find((collector) => collector.name === method.slice(0, dot));
          const handler = owner?.methods?.[method.slice(dot + 1)];
          if (dot < 0 || !handler) return reply({ ok: false, error: `no such method: ${method}` });
          try {
            const arg: unknown = argJson ? JSON.parse(argJson) : undefined;
            return reply({ ok: true, result: handler(arg) ?? null });
          } catch (error) {
            return reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
          }
        },
        reply({ ok: false, error: 'agent error' }),
      );
    },
    httpAgentPrototype: () => builtins.http.Agent.prototype as object,
    adoptHttpAgents(candidates) {
      if (detached) return 0;
      return asAgent('adoptHttpAgents', () => set.adoptHttpAgents(candidates), 0);
    },
    detach() {
      if (detached) return;
      detached = true;
      for (const collector of [...collectors].reverse())
        asAgent(`stop.${collector.name}`, () => collector.stop(), undefined);
      asAgent('stop.shared', () => set.stopShared(), undefined);
    },
  };
}
