/**
 * `record --ring`: SIGUSR2 writes the ring as it is now to a new file beside the output, named with the
 * time (`out-20261207-153012.hyperscope`), says so in one line on stderr, and the recording goes on —
 * like Go's flight recorder's `WriteTo`.
 */
import type { Recording } from '../recorder/recording';
import { formatDurationMs } from '../../core/units/duration';
import { fileTimeStamp, freeSessionPath } from '../session/session-file-name';

/** Listens for SIGUSR2 while `recording` runs; returns the function that stops listening. */
export function saveRingOnSignal(
  recording: Recording,
  output: string,
  say: (line: string) => void,
): () => void {
  const { saveRing } = recording;
  if (!saveRing) return () => undefined;
  let saving = Promise.resolve();
  const onSignal = (): void => {
    // One save at a time: a second signal while saving waits its turn and gets its own file.
    saving = saving.then(async () => {
      const path = ringSnapshotPath(output, new Date());
      try {
        const saved = await saveRing(path);
        say(`hyperscope: saved the last ${formatDurationMs(saved.keptMs)} to ${saved.path}; still recording`);
      } catch (error) {
        say(
          `hyperscope: could not save the ring to ${path}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
  };
  process.on('SIGUSR2', onSignal);
  return () => process.off('SIGUSR2', onSignal);
}

/** `out.hyperscope` → `out-YYYYMMDD-HHMMSS.hyperscope` (UTC), `-2`, `-3`… when taken. */
export function ringSnapshotPath(output: string, at: Date): string {
  return freeSessionPath(`${output.replace(/\.hyperscope$/, '')}-${fileTimeStamp(at)}.hyperscope`);
}
