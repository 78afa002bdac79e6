/**
 * Closes a target's inspector from inside, so that a process we opened it in runs as before we came.
 */
import type { InspectorSession } from './inspector-session';

// Scheduled, not immediate: closing within the evaluation would drop its own reply. `require` exists
// in the evaluated code only with the command-line API, in CommonJS and ES-module targets alike.
const CLOSE_SOON = `(() => {
  const load = (name) => (process.getBuiltinModule ? process.getBuiltinModule(name) : require(name));
  const inspector = load('node:inspector');
  setImmediate(() => { try { inspector.close(); } catch {} });
  return true;
})()`;

/** Asks the target to close its inspector right after this call; the session then ends by itself. */
export async function closeInspectorInside(session: InspectorSession): Promise<void> {
  await session.send('Runtime.evaluate', {
    expression: CLOSE_SOON,
    includeCommandLineAPI: true,
    returnByValue: true,
  });
}
