/**
 * Injects the agent into a target over its inspector and talks to it. The bundle is evaluated inside a
 * function given the command-line `require` (present with `includeCommandLineAPI` in CommonJS and ES-module
 * targets alike), then handed the `http.Agent`s already on the heap; afterwards every exchange is one `Runtime.evaluate` of the installed global, as JSON.
 */
import {
  AGENT_GLOBAL_KEY,
  AGENT_SOURCE_URL,
  type AgentCallReply,
  type AgentHello,
  type AgentOptions,
  type AgentSnapshot,
} from '../../core/agent-protocol';
import type { InspectorSession } from '../inspector/inspector-session';
import { TimeoutError, withTimeout } from '../recorder/with-timeout';
import { adoptHeapHttpAgents } from './adopt-heap-http-agents';
import { loadAgentBundle } from './agent-bundle';

/** The agent installed in one target, seen from Hyperscope. */
export interface AgentClient {
  /** What the agent said at injection (`reused` is true when an agent of this version was already there). */
  readonly hello: AgentHello;
  /** One snapshot of the target's state. */
  collect(): Promise<AgentSnapshot>;
  /** Calls `<collector>.<method>` in the agent with a JSON-serialisable argument; resolves with its result. */
  call(method: string, arg?: unknown): Promise<unknown>;
  /** Removes the agent (every hook and patch); the inspector stays as it is. */
  detach(): Promise<void>;
}

/** The agent or its evaluation failed (the target threw, the agent is gone, or it refused a call). */
export class AgentError extends Error {
  override readonly name = 'AgentError';
}

/** The agent is no longer installed in the target (removed by itself as orphaned, or by another client). */
export class AgentGoneError extends AgentError {}

/**
 * How long the install may wait for the target's event loop to turn, ms. A loop blocked longer fails the
 * attach; the install still happens when the loop turns, and the orphan watchdog removes it again.
 */
export const INSTALL_TIMEOUT_MS = 15_000;

const AGENT = `globalThis[Symbol.for(${JSON.stringify(AGENT_GLOBAL_KEY)})]`;

/** Installs (or reuses) the agent in the target behind `session`. */
export async function injectAgent(
  session: InspectorSession,
  options: AgentOptions = {},
  installTimeoutMs = INSTALL_TIMEOUT_MS,
): Promise<AgentClient> {
  const bundle = await loadAgentBundle();
  // The evaluation only defines the bundle (no side effects) and schedules the install at a clean turn
  // of the target's event loop (`installWhenIdle`): it may land in the middle of a built-in's first load.
  const expression =
    `(function (require) {\n${bundle}\n` +
    `return __hyperscopeAgent.installWhenIdle(require, ${JSON.stringify(options)});\n` +
    `})(typeof require === 'function' ? require : undefined)` +
    // Names the agent's script in the target's stacks, so its own frames can be left out of them.
    `\n//# sourceURL=${AGENT_SOURCE_URL}`;
  const installed = evaluateString(session, expression, 'install', true);
  const hello = JSON.parse(await installTimeout(installed, installTimeoutMs)) as AgentHello;
  // A reused agent adopted them at its own install; agents made since are found by construction.
  if (!hello.reused) await adoptHeapHttpAgents(session, AGENT);

  return {
    hello,
    async collect() {
      const json = await evaluateString(
        session,
        `(() => { const a = ${AGENT}; return a ? a.collect() : 'null'; })()`,
        'collect',
      );
      const snapshot = JSON.parse(json) as AgentSnapshot | null;
      if (!snapshot) throw new AgentGoneError('collect: the agent is no longer installed in the target');
      return snapshot;
    },
    async call(method, arg) {
      const args = `${JSON.stringify(method)}, ${JSON.stringify(JSON.stringify(arg ?? null))}`;
      const json = await evaluateString(
        session,
        `(() => { const a = ${AGENT}; return a ? a.call(${args}) : ${JSON.stringify(JSON.stringify({ ok: false, error: 'agent not installed' }))}; })()`,
        method,
      );
      const reply = JSON.parse(json) as AgentCallReply;
      if (!reply.ok) throw new AgentError(`${method}: ${reply.error}`);
      return reply.result;
    },
    async detach() {
      await evaluateString(
        session,
        `(() => { const a = ${AGENT}; if (a) a.detach(); return ''; })()`,
        'detach',
      );
    },
  };
}

/** The install, or one clear line when the target's event loop did not turn in time. */
async function installTimeout(installed: Promise<string>, ms: number): Promise<string> {
  try {
    return await withTimeout(installed, ms, 'install');
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    throw new AgentError(
      `the agent could not be installed: the target's event loop did not turn within ${ms / 1000} s (is it blocked, or stopped?)`,
    );
  }
}

/**
 * Evaluates `expression` in the target and returns its string value (awaited when it is a promise and
 * `awaitPromise`); target exceptions become {@link AgentError}.
 */
async function evaluateString(
  session: InspectorSession,
  expression: string,
  what: string,
  awaitPromise = false,
): Promise<string> {
  const reply = await session.send('Runtime.evaluate', {
    expression,
    includeCommandLineAPI: true,
    returnByValue: true,
    awaitPromise,
    // Neither pause on, nor report to the console, an exception of ours.
    silent: true,
  });
  if (reply.exceptionDetails) {
    const description = reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text;
    throw new AgentError(`${what}: ${description.split('\n')[0] ?? description}`);
  }
  if (typeof reply.result.value !== 'string')
    throw new AgentError(`${what}: the agent answered ${reply.result.type}`);
  return reply.result.value;
}
