/**
 * `record --ring`: SIGUSR2 writes the ring as it is now to a new file beside the output, named with the
 * time (`out-20261207-153012.hyperscope`), says so in one line on stderr, and the recording goes on —
 * like Go's flight recorder's `WriteTo`.
 */
import type { Recording } from '../recorder/recording';
import { formatDurationMs } from '../../core/units/duration';
import { ringSaver } from '../session/ring-saver';

/** Listens for SIGUSR2 while `recording` runs; returns the function that stops listening. */
export function saveRingOnSignal(
  recording: Recording,
  output: string,
  say: (line: string) => void,
): () => void {
  const { saveRing } = recording;
  if (!saveRing) return () => undefined;
  // One save at a time: a second signal while saving waits its turn and gets its own file.
  const save = ringSaver(saveRing, output);
  const onSignal = (): void => {
    save().then(
      (saved) =>
        say(`hyperscope: saved the last ${formatDurationMs(saved.keptMs)} to ${saved.path}; still recording`),
      (error: unknown) => say(`hyperscope: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  process.on('SIGUSR2', onSignal);
  return () => process.off('SIGUSR2', onSignal);
}
