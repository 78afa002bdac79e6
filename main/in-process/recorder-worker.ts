/**
 * The recorder of in-process mode, bundled to `out/register/recorder-worker.js` and run as a worker
 * thread of the host: it records the host's main thread through `connectToMainThread` with the same
 * recorder as `hyperscope record`, and ends when the main thread forwards the next signal (or by its
 * duration). Running in its own thread keeps the recorder's promises out of the service's promise
 * hooks, its CPU and allocations out of the service's profiles, and lets it collect while the service's
 * own code holds the main thread's event loop (the inspector answers in an interrupt, as it does a
 * remote client).
 */
import { parentPort } from 'node:worker_threads';
import { UserError } from '../cli/command';
import { startRecording } from '../recorder/recorder';
import { mainThreadTarget } from './in-process-target';
import { inProcessRecordingOptions } from './in-process-options';
import { threadCpuMs } from './thread-cpu';
import type { FromRecorder, ToRecorder } from './worker-messages';

const VERSION = process.env.HYPERSCOPE_VERSION ?? 'dev';

async function record(port: NonNullable<typeof parentPort>): Promise<void> {
  const tell = (message: FromRecorder): void => port.postMessage(message);
  let stopRequested = false;
  let stop: () => void = () => (stopRequested = true);
  // A listener on the port also keeps this thread alive: pending inspector replies alone do not.
  port.on('message', (message: ToRecorder) => {
    if (message.type === 'stop') stop();
  });
  const target = mainThreadTarget();
  try {
    const options = inProcessRecordingOptions(process.env, process.pid);
    const recording = await startRecording(target, options, VERSION);
    tell({ type: 'started', path: recording.path });
    stop = () => void recording.stop('stopped');
    if (stopRequested) stop();
    const result = await recording.finished;
    tell({
      type: 'stopped',
      path: result.path,
      reason: result.reason,
      ...(result.message ? { message: result.message } : {}),
      snapshots: result.snapshots,
      durationMs: result.durationMs,
      // The thread is this recording's alone: all its CPU time, loading the recorder included.
      recorderCpuMs: threadCpuMs(),
    });
  } catch (error) {
    await target.stop().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    tell({ type: 'failed', message: error instanceof UserError ? message : `no recording: ${message}` });
  } finally {
    port.close();
  }
}

if (parentPort) void record(parentPort);
