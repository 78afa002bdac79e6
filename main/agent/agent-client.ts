/**
 * Injects the agent into a target over its inspector and talks to it. The bundle is evaluated inside a
 * function given the command-line `require` (present with `includeCommandLineAPI` in CommonJS and ES-module
 * targets alike), then, with `findIdlePools`, handed the `http.Agent`s already on the heap; afterwards
 * every exchange is one `Runtime.evaluate` of the installed global, as JSON.
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
 * How long the install waits for a clean turn of the target's event loop, ms, before installing from
 * inside the inspector's interrupt instead: a loop blocked that long is running the service's own code
 * (the stuck service one attaches to at 3 a.m.), not a built-in's first load, which takes milliseconds;
 * the first second of such a recording is spent waiting.
 */
export const CLEAN_INSTALL_WAIT_MS = 1_000;

/**
 * How long the install may take at all, ms: a target whose JavaScript does not run even in an
 * interrupt (stopped, or paused in a debugger) fails the attach with one line.
 */
export const INSTALL_TIMEOUT_MS = 15_000;

/**
 * How long the install waits for a clean turn when Hyperscope launched the target, ms: a starting app
 * loads its modules synchronously for seconds, and that is when built-ins are first loaded.
 */
export const LAUNCH_CLEAN_INSTALL_WAIT_MS = 10_000;

/** How the install goes: its two waits, ms (tests shorten them), and what it looks for on the heap. */
export interface InstallTiming {
  /** Default {@link CLEAN_INSTALL_WAIT_MS}. */
  cleanWaitMs?: number;
  /** Default {@link INSTALL_TIMEOUT_MS}. */
  timeoutMs?: number;
  /**
   * Also hand the agent every `http.Agent` on the heap (`adopt-heap-http-agents.ts`), so that pools made
   * before attach and idle since are listed. Off by default: measured on Node 20, the heap query left the
   * target ~10% slower per request for as long as it ran (2000 req/s, 0.80 vs 0.90 of baseline CPU per
   * request, also 20 s later). Pools used during the recording are found without it.
   */
  findIdlePools?: boolean;
}

const AGENT = `globalThis[Symbol.for(${JSON.stringify(AGENT_GLOBAL_KEY)})]`;

/** Installs (or reuses) the agent in the target behind `session`. */
export async function injectAgent(
  session: InspectorSession,
  options: AgentOptions = {},
  {
    cleanWaitMs = CLEAN_INSTALL_WAIT_MS,
    timeoutMs = INSTALL_TIMEOUT_MS,
    findIdlePools = false,
  }: InstallTiming = {},
): Promise<AgentClient> {
  const bundle = await loadAgentBundle();
  // Each evaluation defines the bundle (no side effects) and calls one entry point of it. The inspector
  // runs it in an interrupt, which may land in the middle of a built-in's first load: `installWhenIdle`
  // installs at a clean turn of the event loop instead; only if none comes does `install` run at once
  // (the scheduled install then finds the agent installed and reuses it).
  const evaluation = (entry: string): string =>
    `(function (require) {\n${bundle}\n` +
    `return ${entry}(require, ${JSON.stringify(options)});\n` +
    `})(typeof require === 'function' ? require : undefined)` +
    // Names the agent's script in the target's stacks, so its own frames can be left out of them.
    `\n//# sourceURL=${AGENT_SOURCE_URL}`;
  const whenIdle = evaluateString(session, evaluation('__hyperscopeAgent.installWhenIdle'), 'install', {
    awaitPromise: true,
    commandLineApi: true,
  });
  const installed = withTimeout(whenIdle, cleanWaitMs, 'install').catch((error: unknown) => {
    if (!(error instanceof TimeoutError)) throw error;
    whenIdle.catch(() => undefined); // settles when the loop turns; the agent is installed by then
    const now = evaluation('((r, o) => JSON.stringify(__hyperscopeAgent.install(r, o)))');
    return evaluateString(session, now, 'install', { commandLineApi: true });
  });
  const hello = JSON.parse(await installTimeout(installed, timeoutMs)) as AgentHello;
  // A reused agent adopted them at its own install; agents made since are found by construction.
  if (findIdlePools && !hello.reused) await adoptHeapHttpAgents(session, AGENT);

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

/** The install, or one clear line when the target ran none of it in time. */
async function installTimeout(installed: Promise<string>, ms: number): Promise<string> {
  try {
    return await withTimeout(installed, ms, 'install');
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    throw new AgentError(
      `the agent could not be installed: the target ran no JavaScript within ${ms / 1000} s (is it stopped, or paused in a debugger?)`,
    );
  }
}

/**
 * Evaluates `expression` in the target and returns its string value (awaited when it is a promise and
 * `awaitPromise`); target exceptions become {@link AgentError}. Only the install needs the command-line
 * API (its `require`): installing it costs every other evaluation a scope set up and torn down again.
 */
async function evaluateString(
  session: InspectorSession,
  expression: string,
  what: string,
  { awaitPromise = false, commandLineApi = false } = {},
): Promise<string> {
  const reply = await session.send('Runtime.evaluate', {
    expression,
    includeCommandLineAPI: commandLineApi,
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
