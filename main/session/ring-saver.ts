/**
 * Saving a ring recording's ring while it goes on (SIGUSR2 in the CLI, "Save last N min" in the app): each
 * save gets a new file beside the recording's output, named with the time, and saves run one at a time.
 */
import type { RingSaved } from './ring-session-writer';
import { fileTimeStamp, freeSessionPath } from './session-file-name';

/** Writes the ring as it is now to a new file (`Recording.saveRing`). */
export type SaveRingTo = (path: string) => Promise<RingSaved>;

/**
 * A save function for the ring of the recording writing `output`. A save asked while another runs waits
 * its turn, so each gets its own file (the free name is chosen once the one before is written). Failures
 * name the file they were writing.
 */
export function ringSaver(saveRing: SaveRingTo, output: string): () => Promise<RingSaved> {
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const next = last.then(async () => {
      const path = ringSnapshotPath(output, new Date());
      try {
        return await saveRing(path);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`could not save the ring to ${path}: ${why}`);
      }
    });
    last = next.catch(() => undefined);
    return next;
  };
}

/** `out.hyperscope` → `out-YYYYMMDD-HHMMSS.hyperscope` (UTC), `-2`, `-3`… when taken. */
export function ringSnapshotPath(output: string, at: Date): string {
  return freeSessionPath(`${output.replace(/\.hyperscope$/, '')}-${fileTimeStamp(at)}.hyperscope`);
}
