/**
 * Closes a target's inspector from inside, so that a process we opened it in runs as before we came.
 */
import { MOVED_FROM_PORT_KEY } from '../../core/agent-protocol';
import type { InspectorSession } from './inspector-session';

/**
 * How long the target waits before closing its inspector, in milliseconds. Closing within the evaluation
 * drops its own reply; closing while our WebSocket is still connected makes `inspector.close()` wait for
 * the disconnect, and that teardown race crashed the target with SIGSEGV in about one stop in ten on
 * Node 20 (measured under load). Our callers disconnect right after this call, well within the delay.
 */
const CLOSE_DELAY_MS = 250;

// `require` exists in the evaluated code only with the command-line API, in CommonJS and ES-module
// targets alike, and only during the evaluation: it is kept in a variable. The module is loaded in the
// timer, not in the evaluation: that runs as an interrupt, possibly inside the first load of another
// built-in (see docs/reliability.md, "Harmless to the host"). The timer is unref'd so that it never
// keeps an exiting process alive.
// An inspector we moved off its port (`move-inspector-inside.ts`) gets that port back as the one the
// next SIGUSR1 opens.
const CLOSE_LATER = `(() => {
  const req = typeof require === 'function' ? require : undefined;
  const load = (name) => (process.getBuiltinModule ? process.getBuiltinModule(name) : req(name));
  const key = Symbol.for(${JSON.stringify(MOVED_FROM_PORT_KEY)});
  setTimeout(() => {
    try {
      load('node:inspector').close();
      if (globalThis[key] !== undefined) { process.debugPort = globalThis[key]; delete globalThis[key]; }
    } catch {}
  }, ${CLOSE_DELAY_MS}).unref();
  return true;
})()`;

/**
 * Asks the target to close its inspector shortly after this call. Disconnect at once afterwards: the
 * target closes it after we have gone.
 */
export async function closeInspectorInside(session: InspectorSession): Promise<void> {
  await session.send('Runtime.evaluate', {
    expression: CLOSE_LATER,
    includeCommandLineAPI: true,
    returnByValue: true,
  });
}
