// The agent in this very process (a real Node): install guard, failing collectors, calls, detach.
import http from 'node:http';
import diagnosticsChannel from 'node:diagnostics_channel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AGENT_GLOBAL_KEY, type AgentCallReply, type AgentSnapshot } from '../core/agent-protocol';
import { startAgent } from './agent-runtime';
import { resolveBuiltins } from './builtins';
import type { Collector } from './collector';
import { createCollectors } from './collectors';
import { install, installedAgent } from './index';

const HELLO = {
  version: 1,
  pid: process.pid,
  nodeVersion: process.version,
  reused: false,
  moduleKind: 'module',
  argv: [],
  platform: 'linux',
};

afterEach(() => {
  installedAgent()?.detach();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(AGENT_GLOBAL_KEY)];
});

function failing(name: string): Collector<never> {
  return {
    name,
    start() {},
    collect() {
      throw new Error('broken');
    },
    stop() {},
  };
}

describe('install', () => {
  it('installs once, reuses the same version, and detaches to the prototypes it found', () => {
    // `addRequest` is public in Node but missing from its typings.
    const proto = http.Agent.prototype as unknown as Record<string, unknown>;
    const addRequest = proto.addRequest;
    const first = install(undefined);
    expect(first).toMatchObject({ reused: false, pid: process.pid, version: 1 });
    expect(proto.addRequest).not.toBe(addRequest);
    expect(install(undefined).reused).toBe(true);
    expect(diagnosticsChannel.hasSubscribers('http.server.response.finish')).toBe(true);

    installedAgent()?.detach();
    expect(proto.addRequest).toBe(addRequest);
    expect(Object.hasOwn(http.Agent.prototype, 'on')).toBe(false);
    expect(diagnosticsChannel.hasSubscribers('http.server.response.finish')).toBe(false);
    expect(installedAgent()).toBeUndefined();
  });

  it('captures creation stacks of new http.Agents within a budget, counting the rest', () => {
    install(undefined);
    const agents = Array.from({ length: 200 }, () => new http.Agent());
    const snapshot = JSON.parse(installedAgent()?.collect() ?? 'null') as AgentSnapshot;
    expect(snapshot.agent.dropped.httpAgentStacks).toBeGreaterThanOrEqual(100);
    expect(agents).toHaveLength(200);
  });

  it('detaches an agent of another version and replaces it', () => {
    const detach = vi.fn();
    (globalThis as Record<symbol, unknown>)[Symbol.for(AGENT_GLOBAL_KEY)] = { version: 0, detach };
    expect(install(undefined).reused).toBe(false);
    expect(detach).toHaveBeenCalledOnce();
    expect(installedAgent()?.version).toBe(1);
  });
});

describe('the runtime', () => {
  const builtins = resolveBuiltins(undefined);

  it('turns a failing collector into an empty section and a drop count, and keeps the others', () => {
    const agent = startAgent(
      builtins,
      {},
      (drop) => {
        const set = createCollectors(builtins, drop);
        set.core.memory = failing('memory') as unknown as typeof set.core.memory;
        set.extensions.push(failing('broken'), {
          name: 'fine',
          start() {},
          collect: () => ({ n: 1 }),
          stop() {},
        });
        return set;
      },
      HELLO,
    );
    const snapshot = JSON.parse(agent.collect()) as AgentSnapshot;
    expect(snapshot.memory).toEqual({ rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 });
    expect(snapshot.agent.dropped).toMatchObject({ 'collector.memory': 1, 'collector.broken': 1 });
    expect(snapshot.extensions?.fine).toEqual({ n: 1 });
    expect(snapshot.extensions).not.toHaveProperty('broken');
    expect(snapshot.eventLoop.utilization).toBeGreaterThanOrEqual(0);
    expect(snapshot.agent.collectCpuMs).toBeGreaterThan(0);
    agent.detach();
    expect(agent.collect()).toBe('null');
  });

  it('dispatches calls to collector methods and reports errors as replies, never throws', () => {
    let sawAgentWork = false;
    const agent = startAgent(
      builtins,
      {},
      (drop) => {
        const set = createCollectors(builtins, drop);
        let isAgentWork = (): boolean => false;
        set.extensions.push({
          name: 'echo',
          start(context) {
            isAgentWork = context.isAgentWork;
          },
          collect: () => null,
          methods: {
            back: (arg) => ((sawAgentWork = isAgentWork()), arg),
            fail: () => {
              throw new Error('nope');
            },
          },
          stop() {},
        });
        return set;
      },
      HELLO,
    );
    const call = (method: string, arg: string): AgentCallReply =>
      JSON.parse(agent.call(method, arg)) as AgentCallReply;
    expect(call('echo.back', '{"a":1}')).toEqual({ ok: true, result: { a: 1 } });
    expect(sawAgentWork).toBe(true);
    expect(call('echo.fail', '')).toEqual({ ok: false, error: 'nope' });
    expect(call('echo.missing', '')).toMatchObject({ ok: false });
    expect(call('echo.back', '{not json')).toMatchObject({ ok: false });
    expect(Array.isArray((call('sockets.list', '{}') as { result: unknown }).result)).toBe(true);
    agent.detach();
    expect(call('echo.back', '1')).toEqual({ ok: false, error: 'agent detached' });
  });
});
