/**
 * A way of finding more processes or threads to record beside one already recorded: the workers of a
 * cluster primary (`main/process-tree/`), the worker threads of a process (`main/threads/`). Each
 * follower is asked to follow every process the session records, the header's target first.
 */
import type { SourceRecord } from '../../core/session/records';
import type { AttachedTarget } from '../inspector/attached-target';
import type { Recording } from '../recorder/recording';

/** One process or thread being recorded into the session. */
export interface RecordedSource {
  /** `main` for the header's target, else its `SourceRecord` id. */
  readonly id: string;
  readonly kind: SourceRecord['kind'];
  /** `worker_threads` threadId; 0 for a process. */
  readonly threadId: number;
  /** The id of the source it belongs to; absent for the header's target and its direct children. */
  readonly parent?: string;
  readonly label: string;
  readonly target: AttachedTarget;
  readonly recording: Recording;
}

/** What a new source says about itself when a follower adds it. */
export interface NewSource {
  kind: SourceRecord['kind'];
  /** `worker_threads` threadId; 0 for a process. */
  threadId: number;
  /** For people: `worker 2 of 4`, `thread 1 (resize.js)`. */
  label: string;
}

export interface FollowContext {
  /** The recorded process whose children this follower looks for. */
  readonly parent: RecordedSource;
  /**
   * Records `target` as a new source, child of `parent`, until it ends or the session does; resolves
   * once its recording runs (rejects when the agent could not be installed: the caller says why).
   */
  add(target: AttachedTarget, source: NewSource): Promise<RecordedSource>;
  /** Writes a warning event into the session (on the parent's part). */
  warn(message: string): void;
  /** True once the session is finishing: start nothing new. */
  finishing(): boolean;
}

/** A running follow; `stop` ends the looking (the sources it added are stopped by the session). */
export interface Following {
  stop(): Promise<void>;
}

export interface SourceFollower {
  /** For messages: `cluster workers`, `worker threads`. */
  readonly name: string;
  /** Starts following `context.parent`; null when there is nothing of its kind to follow there. */
  follow(context: FollowContext): Promise<Following | null>;
}
