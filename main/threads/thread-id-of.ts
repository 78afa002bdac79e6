/**
 * The `worker_threads` threadId of the thread behind a worker session, asked of the thread itself
 * (`NodeWorker`'s `workerId` is an id of its own: a nested thread 2 was reported as workerId 1), once
 * the thread has started: resolving means its event loop has turned, so what comes next (the agent's
 * install) cannot land in its bootstrap.
 *
 * Node attaches us to a new thread before it has bootstrapped, and an evaluation is an interrupt: on
 * Node 22 and 24, one with the command-line API (`require`) that landed in the thread's first load of
 * its module loader failed with `CJSModule is not a constructor` (2–7 in 60 new threads) and others
 * answered `undefined`. So the thread is asked at its first clean turn (`setImmediate`, which runs only
 * after its bootstrap and its script's first run), where loading a built-in is safe; a thread whose loop
 * has not turned within {@link CLEAN_INSTALL_WAIT_MS} is running its own code, long past its bootstrap,
 * and is asked at once, as the agent's install does.
 */
import { CLEAN_INSTALL_WAIT_MS } from '../agent/agent-client';
import type { InspectorSession } from '../inspector/inspector-session';
import { TimeoutError, withTimeout } from '../recorder/with-timeout';

// `getBuiltinModule` from Node 20.16: older threads answer null and are asked again with `require`.
const AT_CLEAN_TURN = `typeof setImmediate !== 'function' ? 'starting' : new Promise((resolve) =>
  setImmediate(() => resolve(typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule('node:worker_threads').threadId : null)))`;
// `require` exists in an evaluation only with the command-line API.
const NOW = `(typeof process.getBuiltinModule === 'function'
  ? process.getBuiltinModule('node:worker_threads') : require('node:worker_threads')).threadId`;

/** A thread still bootstrapping (no timers yet) is asked again this often, ms. */
const STARTING_RETRY_MS = 20;

export async function threadIdOf(session: InspectorSession): Promise<number> {
  const deadline = Date.now() + CLEAN_INSTALL_WAIT_MS;
  let value: unknown = 'starting';
  try {
    while (value === 'starting') {
      value = await withTimeout(evaluate(session, AT_CLEAN_TURN, false), deadline - Date.now(), 'thread');
      if (value === 'starting') await new Promise((resolve) => setTimeout(resolve, STARTING_RETRY_MS));
    }
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    value = null;
  }
  if (value === null) value = await evaluate(session, NOW, true);
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new Error(`its threadId could not be read (${typeof value})`);
  return value;
}

async function evaluate(session: InspectorSession, expression: string, commandLineApi: boolean) {
  const reply = await session.send('Runtime.evaluate', {
    expression,
    includeCommandLineAPI: commandLineApi,
    awaitPromise: !commandLineApi,
    returnByValue: true,
    silent: true,
  });
  const failure = reply.exceptionDetails;
  if (failure) {
    const why = (failure.exception?.description ?? failure.text).split('\n')[0];
    throw new Error(`its threadId could not be read (${why})`);
  }
  return reply.result.value as unknown;
}
