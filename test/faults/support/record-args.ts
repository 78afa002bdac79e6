/** The fault tests' recorder command line: collect every 300 ms, so each test sees snapshots within a second. */
import { writeFaultTarget } from './fault-target';

/** What to record: a running process by pid, an inspector by address, or a command to launch. */
export type RecordTarget = { pid: number } | { url: string } | { launch: string[] };

/** `record --interval 300ms [--duration <duration>] -o <output> <target>`; `duration` as typed (`5s`). */
export function recordArgs(output: string, target: RecordTarget, duration?: string): string[] {
  const what =
    'pid' in target
      ? ['--pid', String(target.pid)]
      : 'url' in target
        ? ['--url', target.url]
        : ['--', ...target.launch];
  return [
    'record',
    '--interval',
    '300ms',
    ...(duration ? ['--duration', duration] : []),
    '-o',
    output,
    ...what,
  ];
}

/** Launches a fresh fault target under the recorder (`-- node <fault-target.cjs>`). */
export function launchFaultTarget(): RecordTarget {
  return { launch: [process.execPath, writeFaultTarget()] };
}
