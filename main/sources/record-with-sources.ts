/**
 * A recording of a target and of every process and thread its followers find (cluster workers, worker
 * threads), into one session file: the header's target is recorded as always, each other one as a
 * source (`docs/session-format.md`, "Several processes and threads"). The session ends when the
 * header's target's recording does; its sources are stopped first, so their last profiles are kept.
 */
import type { SourceRecord } from '../../core/session/records';
import type { AttachedTarget } from '../inspector/attached-target';
import { startRecording } from '../recorder/recorder';
import type { Recording } from '../recorder/recording';
import type { RecordingOptions } from '../recorder/recording-options';
import { openSessionWriter } from '../session/open-session-writer';
import type { SessionWriter } from '../session/session-writer';
import { sourceWriter } from '../session/source-writer';
import type { Following, NewSource, RecordedSource, SourceFollower } from './source-follower';

/** A recording of several sources; `sources()` lists those recorded now, the header's target first. */
export interface MultiRecording extends Recording {
  sources(): readonly RecordedSource[];
}

export async function startRecordingWithSources(
  target: AttachedTarget,
  options: RecordingOptions,
  version: string,
  followers: readonly SourceFollower[],
): Promise<MultiRecording> {
  let writer: SessionWriter | null = null;
  let finishing = false;
  const live = new Map<string, RecordedSource>();
  /** Every id given out, so that a pid reused within the recording gets a new one. */
  const used = new Set<string>([MAIN]);
  const followings: Following[] = [];

  const stopSources = async (): Promise<void> => {
    finishing = true;
    await Promise.all(followings.map((f) => f.stop().catch(() => undefined)));
    await Promise.all([...live.values()].filter((s) => s.id !== MAIN).map((s) => s.recording.stop()));
  };

  const root = await startRecording(target, options, version, {
    into: (header) => (writer = openSessionWriter(options, header)),
    beforeEnd: stopSources,
  });
  const main: RecordedSource = {
    id: MAIN,
    kind: 'process',
    threadId: 0,
    label: `pid ${target.pid}`,
    target,
    recording: root,
  };
  live.set(MAIN, main);

  const add = async (
    parent: RecordedSource,
    child: AttachedTarget,
    source: NewSource,
  ): Promise<RecordedSource> => {
    if (finishing || !writer) throw new Error('the recording is finishing');
    const shared = writer;
    const id = uniqueId(used, sourceIdOf(parent, child, source));
    const recording = await startRecording(child, { ...options, durationMs: null }, version, {
      into(header) {
        const record: SourceRecord = {
          type: 'source',
          id,
          kind: source.kind,
          pid: child.pid,
          threadId: source.threadId,
          ...(parent.id === MAIN ? {} : { parent: parent.id }),
          label: source.label,
          nodeVersion: header.target.nodeVersion,
          argv: header.target.argv,
          time: Date.now(),
        };
        shared.write(record);
        return sourceWriter(shared, id);
      },
    });
    const recorded: RecordedSource = {
      id,
      kind: source.kind,
      threadId: source.threadId,
      ...(parent.id === MAIN ? {} : { parent: parent.id }),
      label: source.label,
      target: child,
      recording,
    };
    live.set(id, recorded);
    void recording.finished.then(() => live.delete(id));
    if (source.kind === 'process') await follow(recorded);
    return recorded;
  };

  const follow = async (parent: RecordedSource): Promise<void> => {
    for (const follower of followers) {
      const following = await follower
        .follow({
          parent,
          add: (child, source) => add(parent, child, source),
          warn: (message) => warn(parent, message),
          finishing: () => finishing,
        })
        .catch((error: unknown) => {
          warn(
            parent,
            `could not follow ${follower.name}: ${error instanceof Error ? error.message : String(error)}`,
          );
          return null;
        });
      if (following) followings.push(following);
    }
  };

  const warn = (source: RecordedSource, message: string): void =>
    writer?.write({
      type: 'event',
      time: Date.now(),
      level: 'warning',
      message,
      ...(source.id === MAIN ? {} : { source: source.id }),
    });

  await follow(main);
  return { ...root, sources: () => [...live.values()] };
}

/** The header's target's id among the sources (`core/session/session-parts.ts`'s MAIN_PART_ID). */
const MAIN = 'main';

function sourceIdOf(parent: RecordedSource, child: AttachedTarget, source: NewSource): string {
  if (source.kind === 'process') return `p${child.pid}`;
  const processId = parent.id === MAIN ? `p${parent.target.pid}` : parent.id;
  return `${processId}.t${source.threadId}`;
}

/** `wanted`, or with a suffix when a pid was reused within the recording; remembered in `used`. */
function uniqueId(used: Set<string>, wanted: string): string {
  let id = wanted;
  for (let n = 2; used.has(id); n++) id = `${wanted}-${n}`;
  used.add(id);
  return id;
}
