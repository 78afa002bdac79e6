/**
 * Attaches the UI to a live target (by PID, inspector address, launched command or the demo service run
 * as a child) and records it with the recorder, with the processes and threads it finds (cluster workers,
 * worker threads), streaming snapshots and findings of each to the UI as they come.
 */
import { ringSaver } from '../session/ring-saver';
import { defaultSessionFileName } from '../session/session-file-name';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttachTarget } from '../../core/bridge/contract';
import type { Finding } from '../../core/findings/finding';
import { fetchPromiseChain } from '../agent/fetch-promise-chain';
import type { AttachedTarget as InspectorTarget } from '../inspector/attached-target';
import { attachByUrl } from '../inspector/attach-url';
import { launchTarget } from '../inspector/launch';
import { attachWithTree } from '../process-tree/attach-with-tree';
import { createSnapshotRemapper, createSourceMapCache } from '../profile/session-source-maps';
import { targetFileRoot } from '../reach/target-namespaces';
import { DEFAULT_RECORDING_OPTIONS } from '../recorder/recording-options';
import { FOLLOW_ALL, followersFor } from '../sources/followers';
import { startRecordingWithSources } from '../sources/record-with-sources';
import type { LiveTarget } from './backend-ports';
import { heapSnapshotTaker } from '../retainers/heap-snapshot-taker';
import { createLiveFindings } from './live-findings';
import { watchLiveSources } from './live-sources';
import { shownInOrder } from './shown-in-order';

export interface LiveTargetOptions {
  /** The built CLI (`out/cli/hyperscope.js`), used to run the demo service as a child process. */
  cliPath: string;
  /** Where recordings go before the user saves them elsewhere. */
  sessionsDir?: string;
  version: string;
}

export async function attachLive(target: AttachTarget, options: LiveTargetOptions): Promise<LiveTarget> {
  const attached = await connect(target, options.cliPath);
  const label =
    target.kind === 'pid'
      ? `pid ${target.pid}`
      : target.kind === 'url'
        ? target.url
        : target.kind === 'launch'
          ? target.command.join(' ')
          : `demo: ${target.scenario}`;
  return {
    target: { pid: attached.pid, nodeVersion: attached.nodeVersion, label, attachedBy: target.kind },
    async record(requested, sink) {
      const output = join(options.sessionsDir ?? tmpdir(), defaultSessionFileName(attached.pid));
      const recordingOptions = { ...DEFAULT_RECORDING_OPTIONS, ...definedOnly(requested), output };
      // Maps are loaded once per script for the whole recording; scripts changed since it began are skipped.
      // A target in a container names its own paths: they are read under /proc/PID/root.
      const root = target.kind === 'pid' ? await targetFileRoot(attached.pid) : null;
      const maps = createSourceMapCache(Date.now(), root);
      const remap = createSnapshotRemapper(maps);
      const recording = await startRecordingWithSources(
        attached,
        recordingOptions,
        options.version,
        followersFor(FOLLOW_ALL),
      );
      const findings = createLiveFindings(attached, recordingOptions, options.version, sink.finding);
      const show = shownInOrder(remap, (snapshot) => {
        sink.snapshot(snapshot);
        findings.add(snapshot);
      });
      recording.onProgress(({ last }) => last && show(last));
      // Cluster workers and worker threads: listed, their snapshots streamed, their findings placed.
      const stopWatching = watchLiveSources(recording, {
        intervalMs: recordingOptions.intervalMs,
        changed: (sources) => sink.sources(sources),
        follow: (source) => {
          const place = {
            part: source.id,
            label: source.label,
            pid: source.target.pid,
            threadId: source.threadId,
          };
          const report = (finding: Finding) => sink.finding({ ...finding, place });
          const found = createLiveFindings(source.target, recordingOptions, options.version, report);
          return shownInOrder(remap, (snapshot) => {
            sink.sourceSnapshot(source.id, snapshot);
            found.add(snapshot);
          });
        },
      });
      const { saveRing } = recording;
      let stoppedByUs = false;
      void recording.finished.then((result) => {
        stopWatching();
        if (!stoppedByUs) sink.ended(result.path, result.message);
      });
      return {
        path: recording.path,
        ringMs: recordingOptions.ringMs ?? null,
        // Beside the recording's own file, named with the time, as `record --ring`'s SIGUSR2 does.
        saveRing: saveRing ? ringSaver(saveRing, recording.path) : null,
        mark: (label) => recording.mark(label),
        heapSnapshot: heapSnapshotTaker(recording, maps),
        stop: async () => {
          stoppedByUs = true;
          return (await recording.stop()).path;
        },
        chain: (groupId) => fetchPromiseChain((method, arg) => recording.callAgent(method, arg), groupId),
      };
    },
    detach: () => attached.stop(),
  };
}

function connect(target: AttachTarget, cliPath: string): Promise<InspectorTarget> {
  switch (target.kind) {
    case 'pid':
      // A cluster primary is made ready for its workers to be followed (FOLLOW_ALL below).
      return attachWithTree(target.pid, { workers: true });
    case 'url':
      return attachByUrl(target.url, { allowRemote: target.allowRemote });
    case 'launch': {
      const [command, ...args] = target.command;
      return launchTarget(command ?? '', args, { forwardOutput: false });
    }
    case 'demo':
      return launchTarget(process.execPath, [cliPath, 'demo', '--scenario', target.scenario, '--load'], {
        forwardOutput: false,
      });
  }
}

/** Leaves out keys given as undefined, so they do not hide the defaults. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
