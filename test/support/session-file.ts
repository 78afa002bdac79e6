/** Watching a session file that a recorder in another process is writing. */
import { readFileSync } from 'node:fs';
import { waitFor } from './wait-for';

/** How many snapshot records `path` holds now (0 while it does not exist). */
export function countSnapshots(path: string): number {
  try {
    return readFileSync(path, 'utf8').split('"type":"snapshot"').length - 1;
  } catch {
    return 0;
  }
}

/** Resolves once `path` holds at least `count` snapshots. */
export function waitForSnapshots(path: string, count: number, timeoutMs = 20_000): Promise<void> {
  return waitFor(
    () => countSnapshots(path) >= count,
    timeoutMs,
    () => `${path}: ${countSnapshots(path)} of ${count} snapshots`,
  );
}

/** The `pid` in the header of the session file at `path`. */
export function headerPid(path: string): number {
  const header = JSON.parse(readFileSync(path, 'utf8').split('\n')[0]!) as { target: { pid: number } };
  return header.target.pid;
}

/** The lines of `stderr` the CLI prints for a failure (`hyperscope record: …`). */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('hyperscope record:'));
}
