/**
 * The main thread's part of in-process mode: each signal starts a recorder worker, or tells the running
 * one to stop; what the worker reports becomes one line on stderr. Nothing here touches the service:
 * the worker is unreferenced (it never keeps the host alive) and loads none of the host's preloads.
 */
import { Worker } from 'node:worker_threads';
import { formatDurationMs } from '../../core/units/duration';
import type { FromRecorder, ToRecorder } from './worker-messages';

/** Prints one line for the user on the host's stderr. */
export function say(line: string): void {
  try {
    process.stderr.write(`hyperscope: ${line}\n`);
  } catch {
    // A host without a usable stderr still must not fail because of us.
  }
}

/** Returns the signal handler: start when idle, stop when recording, nothing while stopping. */
export function recordingToggle(workerFile: string, signal: NodeJS.Signals): () => void {
  let worker: Worker | null = null;
  let stopping = false;
  const send = (message: ToRecorder): void => worker?.postMessage(message);

  const start = (): void => {
    const started = new Worker(workerFile, { execArgv: [], name: 'hyperscope-recorder' });
    worker = started;
    stopping = false;
    started.on('message', (message: FromRecorder) => report(message, signal));
    started.on('error', (error) => say(`the recorder failed: ${error.message}`));
    started.on('exit', () => {
      if (worker === started) worker = null;
    });
    // After the listeners: a 'message' listener refs the worker again, and the host would never exit.
    started.unref();
  };

  return () => {
    try {
      if (!worker) start();
      else if (!stopping) {
        stopping = true;
        send({ type: 'stop' });
      }
    } catch (error) {
      say(`could not start a recording: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

function report(message: FromRecorder, signal: NodeJS.Signals): void {
  if (message.type === 'failed') say(message.message);
  else if (message.type === 'started')
    say(`recording pid ${process.pid} to ${message.path} (${signal} again stops it)`);
  else {
    const cost =
      message.recorderCpuMs === null
        ? ''
        : `; recorder thread CPU ${formatDurationMs(message.recorderCpuMs)}`;
    // `stopped` by the signal, else as the report says it: `ended: duration`, `ended: target-exited (…)`.
    const how = message.reason === 'stopped' ? 'stopped' : `ended: ${message.reason}`;
    const why = message.message ? ` (${message.message})` : '';
    say(
      `recording ${how}${why}; saved ${message.snapshots} snapshots over ` +
        `${formatDurationMs(message.durationMs)} in ${message.path}${cost}`,
    );
  }
}
