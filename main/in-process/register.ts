/**
 * `node --require hyperscope/register app.js` (or `--import`): in-process mode, for hosts where opening
 * an inspector port is not allowed. Bundled to `out/register/register.cjs`. At load it only checks
 * `HYPERSCOPE_SIGNAL` and listens for that signal (SIGUSR2 by default); the first signal starts a
 * recording into `HYPERSCOPE_OUT` from a worker thread (`recorder-worker.ts`), the next one stops it.
 * Worker threads of the host load this file too (they inherit the preload): it does nothing there.
 */
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { recordingSignal } from './recording-signal';
import { recordingToggle, say } from './recording-toggle';

/** Set once armed, so that `--require` and `--import` of it together arm one listener. */
const ARMED = Symbol.for('hyperscope.register');

function arm(): void {
  const globals = globalThis as Record<symbol, unknown>;
  if (!isMainThread || globals[ARMED]) return;
  globals[ARMED] = true;
  const chosen = recordingSignal(process.env.HYPERSCOPE_SIGNAL);
  if ('error' in chosen) {
    say(`${chosen.error}; in-process recording is off`);
    return;
  }
  process.on(chosen.signal, recordingToggle(join(__dirname, 'recorder-worker.js'), chosen.signal));
}

try {
  arm();
} catch (error) {
  // Never fail the host's start-up because of us.
  say(`in-process recording is off: ${error instanceof Error ? error.message : String(error)}`);
}
