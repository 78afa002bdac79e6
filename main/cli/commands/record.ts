/** `hyperscope record`: attach, record a session file, stop on Ctrl-C or after --duration. */
import { resolve } from 'node:path';
import type { Command } from '../command';
import { UserError } from '../command';
import { attachTarget, printWarning } from '../attach-target';
import { parseRecordArgs } from '../parse-record-args';
import { progressLine } from '../progress-line';
import { recordingOptionsOf } from '../record-options';
import { saveRingOnSignal } from '../ring-signal';
import { defaultSessionFileName } from '../../session/session-file-name';
import {
  childrenTried,
  followedSuffix,
  unfollowedWarning,
  unrecordedLines,
} from '../../process-tree/tree-notices';
import { followersFor } from '../../sources/followers';
import { startRecordingWithSources } from '../../sources/record-with-sources';
import { formatDurationMs } from '../../../core/units/duration';

const USAGE = `hyperscope record (--pid PID | --url HOST:PORT | -- COMMAND ARGS…) [options]

  --pid PID            attach to a running Node process (opens its inspector)
  --url HOST:PORT      attach to an inspector (also ws://…); non-loopback needs --allow-remote
  -- COMMAND ARGS…     launch COMMAND with an inspector on 127.0.0.1 and record it (stopped at the end unless --keep)
  --duration 30s       stop by itself after this long (default: until Ctrl-C)
  --ring 10m           keep only the last 10m (at least 10s), written when it stops; SIGUSR2 writes
                       them to OUTPUT-TIME.hyperscope and goes on (like Go's flight recorder)
  --interval 1s        how often to collect (default 1s)
  -o, --output FILE    session file (default hyperscope-PID-TIME.hyperscope)
  --no-cpu --no-heap --no-promises   leave a profiler off
  --promise-budget 1%  throughput share the promise-chain hooks may cost (they run in windows sized to
                       it; 100% keeps them on; default 1% — see docs/performance.md)
  --promise-stacks 1000  promise creation stacks captured per second of hooks-on time (default 1000)
  --detail             sample for a short investigation: CPU every 1ms, allocations every 32KiB
                       (10× the CPU samples, exact sizes from ~70KiB; costs several times more)
  --cpu-interval 10ms  time between CPU samples (also 500us, 1000 for µs; default 10ms, ~100 Hz)
  --heap-interval 512KiB  average bytes between allocation samples (default 512KiB, as production
                       profilers; smaller: exact sizes for smaller objects, more overhead —
                       see docs/performance.md)
  --no-workers         record only this process, not the cluster workers or other Node processes it
                       started (by default a cluster primary is recorded with every worker)
  --no-threads         leave its worker threads out (by default each gets the agent too)
  --find-idle-pools    also list pools made before attaching and idle since (one heap walk at
                       attach; it slowed a target ~10% for as long as it ran — see docs/performance.md)
  --retainers          heap snapshots at the start and the end: what grew, and the objects that hold
                       it with their paths from the roots (each snapshot stops the target while V8
                       writes it: ~1.3 s at 20 MB of heap, ~8 s at 100 MB — see docs/performance.md)
  --keep-snapshots     with --retainers, keep the .heapsnapshot files beside the session (DevTools)
  -q, --quiet          no progress line`;

export const recordCommand: Command = {
  name: 'record',
  summary: 'record a session from a running process, an inspector URL or a launched command',
  usage: USAGE,
  async run(argv) {
    const args = parseRecordArgs(argv);
    const target = await attachTarget(args.target, { workers: args.follow.workers });
    target.warnings.forEach(printWarning);
    const output = resolve(args.output ?? defaultSessionFileName(target.pid));
    const recording = await startRecordingWithSources(
      target,
      recordingOptionsOf(args, output),
      process.env.HYPERSCOPE_VERSION ?? 'dev',
      followersFor(args.follow),
    ).catch(async (error: unknown) => {
      await target.stop().catch(() => undefined);
      throw error;
    });
    const live = process.stderr.isTTY && !args.quiet;
    process.stderr.write(
      `hyperscope: recording pid ${target.pid} (Node ${target.nodeVersion})${followedSuffix(target)} to ${output}\n`,
    );
    if (target.reachedThrough) process.stderr.write(`hyperscope: inspector at ${target.reachedThrough}\n`);
    unrecordedLines(target).forEach(printWarning);
    const unfollowed = args.follow.workers ? null : await unfollowedWarning(target.pid);
    if (unfollowed) printWarning(unfollowed);
    let childrenSaid = childrenTried(target);
    recording.onProgress(({ elapsedMs, snapshots, last }) => {
      // A worker forked during the recording that could not be recorded is said when it happens.
      const unrecorded = unrecordedLines(target, childrenSaid);
      childrenSaid = childrenTried(target);
      if (live && unrecorded.length > 0) process.stderr.write('\r\x1b[2K');
      unrecorded.forEach(printWarning);
      if (live) process.stderr.write(`\r\x1b[2K${progressLine(target.pid, elapsedMs, snapshots, last)}`);
    });

    let interrupts = 0;
    const onSignal = (): void => {
      // A second Ctrl-C leaves at once: the file is valid up to its last complete record.
      if (++interrupts > 1) process.exit(130);
      void recording.stop('interrupted');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const stopSaving = saveRingOnSignal(recording, output, (line) =>
      process.stderr.write(`${live ? '\r\x1b[2K' : ''}${line}\n`),
    );
    const result = await recording.finished;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopSaving();
    if (live) process.stderr.write('\r\x1b[2K');

    const over = formatDurationMs(result.durationMs);
    const kept = result.ring
      ? `the last ${formatDurationMs(result.ring.keptMs)} of ${over} (${result.snapshots} samples in all) in ${result.path}`
      : `${result.snapshots} samples over ${over} in ${result.path}`;
    if (result.reason === 'duration' || result.reason === 'interrupted' || result.reason === 'stopped') {
      process.stdout.write(`saved ${kept}\n`);
      return 0;
    }
    throw new UserError(`${result.message ?? result.reason}; kept ${kept}`);
  },
};
