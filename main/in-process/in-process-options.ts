/**
 * What an in-process recording is asked for, from the host's environment, read at each signal:
 * `HYPERSCOPE_OUT` (the directory; default the system's temp directory), `HYPERSCOPE_DURATION`
 * (stop by itself after this long) and `HYPERSCOPE_OPTIONS` (more of `hyperscope record`'s flags).
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../cli/command';
import { parseRecordArgs } from '../cli/parse-record-args';
import { recordingOptionsOf } from '../cli/record-options';
import type { RecordingOptions } from '../recorder/recording-options';
import { defaultSessionFileName, freeSessionPath } from '../session/session-file-name';

/** Flags of `hyperscope record` that name the target or the file: in-process, both are given. */
const NOT_IN_PROCESS = ['--pid', '--url', '--allow-remote', '-o', '--output', '--keep', '--'];

/** The recording's options, its file in `HYPERSCOPE_OUT` included; throws a {@link UserError} line. */
export function inProcessRecordingOptions(
  env: NodeJS.ProcessEnv,
  pid: number,
  now = new Date(),
): RecordingOptions {
  const flags = [
    ...(env.HYPERSCOPE_DURATION ? ['--duration', env.HYPERSCOPE_DURATION] : []),
    ...(env.HYPERSCOPE_OPTIONS ?? '').split(/\s+/).filter(Boolean),
  ];
  const foreign = flags.find((flag) => NOT_IN_PROCESS.includes(flag.split('=')[0]!));
  if (foreign)
    throw new UserError(
      `HYPERSCOPE_OPTIONS: ${foreign} does not apply in-process (this process, into HYPERSCOPE_OUT)`,
    );
  let args;
  try {
    args = parseRecordArgs(['--pid', String(pid), ...flags]);
  } catch (error) {
    throw new UserError(`HYPERSCOPE_DURATION/HYPERSCOPE_OPTIONS: ${(error as Error).message}`);
  }
  return recordingOptionsOf(args, sessionFileIn(env.HYPERSCOPE_OUT || tmpdir(), pid, now));
}

/**
 * A new file's path in `dir` (made if missing), named like `hyperscope record`'s default; a second
 * recording in the same second gets `-2`, `-3`… rather than overwriting the first.
 */
export function sessionFileIn(dir: string, pid: number, now: Date): string {
  const absolute = resolve(dir);
  try {
    mkdirSync(absolute, { recursive: true });
    accessSync(absolute, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(`HYPERSCOPE_OUT=${dir} cannot hold a session file (${code})`);
  }
  return freeSessionPath(join(absolute, defaultSessionFileName(pid, now)));
}
