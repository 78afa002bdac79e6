/**
 * The `worker_threads` threadId of the thread behind a worker session, asked of the thread itself
 * (`NodeWorker`'s `workerId` is an id of its own: a nested thread 2 was reported as workerId 1), once
 * the thread has started: resolving means its event loop has turned, so what comes next (the agent's
 * install, which schedules with `setImmediate`) cannot land in its bootstrap.
 *
 * Node attaches us to a new thread before it has bootstrapped, and an evaluation is an interrupt that
 * may land anywhere in it. Measured on Node 20–26, 40 threads started at once, each asked on attach:
 * calling `setImmediate` there crashed the process with SIGSEGV (Node 22: 1–2 runs in 8; its event loop
 * is not set up yet), and the command-line API's `require` failed with `CJSModule is not a constructor`
 * (a few threads in 60, Node 22 and 24). Until the thread has received its script (`process.argv` gets
 * its second entry then, from a message its running loop delivered) it is only read, never made to
 * schedule: 0 crashes in 32 such runs. Then it answers at its first clean turn; a loop that has not
 * turned within {@link CLEAN_INSTALL_WAIT_MS} is running its own code and is asked at once, as the
 * agent's install does.
 *
 * An answer can be lost while the thread starts: under load on Node 22 the first question, sent within
 * ~50 ms of the attach, was refused with `Promise was collected` (3 of 7 runs of a thread that lives
 * 2.5 s, with both cores busy) though the thread ran on; it went unrecorded. V8 says so when the
 * evaluation's promise could not be reported, not that the thread failed: the thread is asked again,
 * by the same rule (only read until it has its script), a few times.
 */
import { CLEAN_INSTALL_WAIT_MS } from '../agent/agent-client';
import type { InspectorSession } from '../inspector/inspector-session';
import { InspectorCommandError } from '../inspector/inspector-session';
import { TimeoutError, withTimeout } from '../recorder/with-timeout';

// `getBuiltinModule` from Node 20.16: older threads answer null and are asked again with `require`.
const AT_CLEAN_TURN = `!Array.isArray(globalThis.process?.argv) || process.argv.length < 2 ? 'starting'
  : new Promise((resolve) => setImmediate(() => resolve(typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule('node:worker_threads').threadId : null)))`;
// `require` exists in an evaluation only with the command-line API.
const NOW = `(typeof process.getBuiltinModule === 'function'
  ? process.getBuiltinModule('node:worker_threads') : require('node:worker_threads')).threadId`;

/** A thread still starting is asked again this often, ms, for at most {@link STARTING_LIMIT_MS}. */
const STARTING_RETRY_MS = 20;
const STARTING_LIMIT_MS = 15_000;
/** Answers lost to `Promise was collected` before the thread is given up. */
const LOST_ANSWER_RETRIES = 3;
const LOST_ANSWER = /Promise was collected/;

export async function threadIdOf(session: InspectorSession): Promise<number> {
  const startingUntil = Date.now() + STARTING_LIMIT_MS;
  let value: unknown = 'starting';
  let lost = 0;
  try {
    while (value === 'starting') {
      if (Date.now() > startingUntil) throw new Error('it did not finish starting');
      const atTurn = evaluate(session, AT_CLEAN_TURN, false);
      // Answered after the timeout, or failed with the session: nobody waits for it any more.
      atTurn.catch(() => undefined);
      value = await withTimeout(atTurn, CLEAN_INSTALL_WAIT_MS, 'thread').catch((error: unknown) => {
        if (session.isOpen() && isLostAnswer(error) && lost++ < LOST_ANSWER_RETRIES) return 'starting';
        throw error;
      });
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

function isLostAnswer(error: unknown): boolean {
  return error instanceof InspectorCommandError && !error.connectionLost && LOST_ANSWER.test(error.message);
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
