/**
 * The agent's entry point, bundled to `out/agent/agent.js` (an IIFE named `__hyperscopeAgent`) and
 * evaluated in the target over the inspector. `install` puts one agent per process behind a global guard:
 * a second install of the same protocol version reuses it; any other version is detached and replaced.
 */
import {
  AGENT_GLOBAL_KEY,
  AGENT_PROTOCOL_VERSION,
  type AgentHello,
  type AgentOptions,
} from '../core/agent-protocol';
import { startAgent, type InstalledAgent } from './agent-runtime';
import { resolveBuiltins, type RequireLike } from './builtins';
import { createCollectors } from './collectors';
import { detectModuleKind } from './module-kind';

export type { InstalledAgent } from './agent-runtime';

/** The installed agent of this process, if any. */
export function installedAgent(): InstalledAgent | undefined {
  const value = (globalThis as Record<symbol, unknown>)[Symbol.for(AGENT_GLOBAL_KEY)];
  return typeof value === 'object' && value !== null ? (value as InstalledAgent) : undefined;
}

/**
 * Installs the agent (or finds the one installed) and says hello. `requireFn` is the command-line
 * `require` of the evaluation, used where `process.getBuiltinModule` is missing. Throws only into the
 * evaluation that called it (nothing is left installed then), never into the target's own code.
 */
export function install(requireFn: RequireLike | undefined, options: AgentOptions = {}): AgentHello {
  const key = Symbol.for(AGENT_GLOBAL_KEY);
  const existing = installedAgent();
  if (existing) {
    if (existing.version === AGENT_PROTOCOL_VERSION) return { ...existing.hello(), reused: true };
    try {
      existing.detach();
    } catch {
      // An older agent that fails to detach must not stop the new one from installing.
    }
    delete (globalThis as Record<symbol, unknown>)[key];
  }
  const builtins = resolveBuiltins(requireFn);
  const hello: AgentHello = {
    version: AGENT_PROTOCOL_VERSION,
    pid: process.pid,
    nodeVersion: process.version,
    reused: false,
    moduleKind: detectModuleKind(),
    argv: process.argv.slice(),
    platform: process.platform,
  };
  const agent = startAgent(builtins, options, (drop) => createCollectors(builtins, drop), hello);
  const detach = agent.detach;
  const guarded: InstalledAgent = {
    ...agent,
    detach() {
      detach();
      if ((globalThis as Record<symbol, unknown>)[key] === guarded)
        delete (globalThis as Record<symbol, unknown>)[key];
    },
  };
  // Not enumerable: the target's own code walking globalThis should not stumble on us.
  Object.defineProperty(globalThis, key, {
    value: guarded,
    configurable: true,
    enumerable: false,
    writable: true,
  });
  return hello;
}
