/**
 * The other processes and threads of a live recording (cluster workers, worker threads), for the app:
 * which are recorded and which ended early, and each one's snapshots as they come. The recording adds
 * sources whenever its followers find one: they are looked for once per collection interval.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { LiveSource } from '../../core/bridge/contract';
import { MAIN_PART_ID } from '../../core/session/session-parts';
import { SOURCE_END_REASON } from '../session/source-writer';
import type { MultiRecording } from '../sources/record-with-sources';
import type { RecordedSource } from '../sources/source-follower';

export interface SourcesWatch {
  /** How often to look for new sources, ms. */
  intervalMs: number;
  /** Every source listed so far, on each change (a new array each time). */
  changed(sources: LiveSource[]): void;
  /** Called once per new source: what to do with each of its snapshots. */
  follow(source: RecordedSource): (snapshot: AgentSnapshot) => void;
}

/** Watches until the returned function is called (when the recording ends). */
export function watchLiveSources(
  recording: Pick<MultiRecording, 'sources'>,
  watch: SourcesWatch,
): () => void {
  const listed: LiveSource[] = [];
  const unsubscribes: (() => void)[] = [];
  let stopped = false;
  const publish = (): void => watch.changed([...listed]);

  const add = (source: RecordedSource): void => {
    const entry: LiveSource = {
      id: source.id,
      kind: source.kind,
      pid: source.target.pid,
      threadId: source.threadId,
      ...(source.parent === undefined ? {} : { parent: source.parent }),
      label: source.label,
      ended: null,
    };
    listed.push(entry);
    const show = watch.follow(source);
    unsubscribes.push(source.recording.onProgress(({ last }) => last && show(last)));
    void source.recording.finished.then((result) => {
      // A source stopped with the session did not end early: only an exit or a loss is marked.
      const reason = SOURCE_END_REASON[result.reason];
      if (stopped || !reason) return;
      listed[listed.indexOf(entry)] = { ...entry, ended: { time: Date.now(), reason } };
      publish();
    });
  };

  const look = (): void => {
    const fresh = recording
      .sources()
      .filter((source) => source.id !== MAIN_PART_ID && !listed.some((entry) => entry.id === source.id));
    for (const source of fresh) add(source);
    if (fresh.length > 0) publish();
  };

  look();
  const timer = setInterval(look, watch.intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
