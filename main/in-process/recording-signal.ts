/**
 * Which signal starts and stops an in-process recording (`HYPERSCOPE_SIGNAL`, default SIGUSR2). A few
 * are refused because listening for them would change the host or fire by themselves.
 */
import { constants } from 'node:os';

export const DEFAULT_RECORDING_SIGNAL = 'SIGUSR2';

/** Signals refused, with why (the reason completes "HYPERSCOPE_SIGNAL=X is refused: …"). */
const REFUSED: Readonly<Record<string, string>> = {
  SIGUSR1: 'Node opens its inspector port on it, which in-process mode is there to avoid',
  SIGKILL: 'it cannot be caught',
  SIGSTOP: 'it cannot be caught',
  SIGINT: 'listening for it would stop it ending the process',
  SIGTERM: 'listening for it would stop it ending the process',
  SIGHUP: 'listening for it would stop it ending the process',
  SIGPROF: "V8's CPU profiler uses it",
  SIGSEGV: 'Node cannot run a listener safely after it',
  SIGBUS: 'Node cannot run a listener safely after it',
  SIGFPE: 'Node cannot run a listener safely after it',
  SIGILL: 'Node cannot run a listener safely after it',
  SIGCHLD: 'it fires whenever a child process ends',
  SIGWINCH: 'it fires whenever the terminal is resized',
  SIGPIPE: 'it fires on writes to a closed pipe',
  SIGURG: 'it fires on urgent socket data',
  SIGCONT: 'it fires whenever the process is resumed',
};

/** The signal named by `text` (`SIGUSR2`, `usr2`, `SIGPWR`…), or one line saying why it cannot be used. */
export function recordingSignal(text: string | undefined): { signal: NodeJS.Signals } | { error: string } {
  const trimmed = (text ?? '').trim().toUpperCase();
  if (trimmed === '') return { signal: DEFAULT_RECORDING_SIGNAL };
  const name = trimmed.startsWith('SIG') ? trimmed : `SIG${trimmed}`;
  const refused = REFUSED[name];
  if (refused) return { error: `HYPERSCOPE_SIGNAL=${text} is refused: ${refused}` };
  if (!(name in constants.signals))
    return { error: `HYPERSCOPE_SIGNAL=${text} is not a signal this system knows (e.g. SIGUSR2, SIGPWR)` };
  return { signal: name as NodeJS.Signals };
}
