/**
 * The `worker_threads` threadId of the thread behind a worker session, asked of the thread itself:
 * `NodeWorker`'s `workerId` is an id of its own (on Node 20, a nested thread 2 was reported as workerId
 * 1 and its parent thread 1 as 2). `worker_threads` is always loaded in a worker (its bootstrap loads
 * it), so reading it from an inspector interrupt loads no module.
 */
import type { InspectorSession } from '../inspector/inspector-session';

// `require` exists in the evaluation only with the command-line API; `getBuiltinModule` from Node 20.16.
const THREAD_ID = `(typeof process.getBuiltinModule === 'function'
  ? process.getBuiltinModule('node:worker_threads')
  : require('node:worker_threads')).threadId`;

export async function threadIdOf(session: InspectorSession): Promise<number> {
  const reply = await session.send('Runtime.evaluate', {
    expression: THREAD_ID,
    includeCommandLineAPI: true,
    returnByValue: true,
    silent: true,
  });
  const value: unknown = reply.result.value;
  if (reply.exceptionDetails || typeof value !== 'number' || !Number.isInteger(value))
    throw new Error(`its threadId could not be read (${reply.exceptionDetails?.text ?? typeof value})`);
  return value;
}
