/**
 * Injects the agent into a target over its inspector and talks to it. The bundle is evaluated inside a
 * function given the command-line `require` (present with `includeCommandLineAPI` in CommonJS and ES-module
 * targets alike); afterwards every exchange is one `Runtime.evaluate` of the installed global, as JSON.
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

const AGENT = `globalThis[Symbol.for(${JSON.stringify(AGENT_GLOBAL_KEY)})]`;

/** Installs (or reuses) the agent in the target behind `session`. */
export async function injectAgent(
  session: InspectorSession,
  options: AgentOptions = {},
): Promise<AgentClient> {
  const bundle = await loadAgentBundle();
  const expression =
    `(function (require) {\n${bundle}\n` +
    `return JSON.stringify(__hyperscopeAgent.install(require, ${JSON.stringify(options)}));\n` +
    `})(typeof require === 'function' ? require : undefined)` +
    // Names the agent's script in the target's stacks, so its own frames can be left out of them.
    `\n//# sourceURL=${AGENT_SOURCE_URL}`;
  const hello = JSON.parse(await evaluateString(session, expression, 'install')) as AgentHello;

  return {
    hello,
    async collect() {
      const json = await evaluateString(
        session,
        `(() => { const a = ${AGENT}; return a ? a.collect() : 'null'; })()`,
        'collect',
      );
      const snapshot = JSON.parse(json) as AgentSnapshot | null;
      if (!snapshot) throw new AgentError('collect: the agent is no longer installed in the target');
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

/** Evaluates `expression` in the target and returns its string value; target exceptions become {@link AgentError}. */
async function evaluateString(session: InspectorSession, expression: string, what: string): Promise<string> {
  const reply = await session.send('Runtime.evaluate', {
    expression,
    includeCommandLineAPI: true,
    returnByValue: true,
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
