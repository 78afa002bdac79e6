/**
 * Follows the worker threads of every recorded process (`record` without `--no-threads`): each thread
 * running when the process is attached, and each that starts later, is recorded as a source of its
 * own (`thread 3 (resize.js)`) with its own agent and profilers; a thread that ends ends its recording
 * (a `source-end` "exited"). Nested workers are reported by Node's main thread like any other thread
 * of the process (their threadIds are unique in the process): they are recorded as threads of the
 * process, since Node does not say which thread started them. At the end of the session the process
 * is detached from its workers (`NodeWorker.disable`) once their recordings have ended.
 */
import { posix } from 'node:path';
import type { Following, FollowContext, RecordedSource, SourceFollower } from '../sources/source-follower';
import type { AttachedWorker } from './process-workers';
import { attachToWorkers } from './process-workers';
import { threadIdOf } from './thread-id-of';
import { workerThreadTarget } from './worker-thread-target';

/**
 * Threads of one process recorded at once: each costs an agent, two profilers and a collection per
 * interval (`docs/performance.md`), all over the process's one inspector connection. Of a pool of more,
 * the first 32 are recorded.
 */
export const MAX_THREADS_PER_PROCESS = 32;

export const threadFollower: SourceFollower = {
  name: 'worker threads',
  follow: (context) => followThreadsOf(context, MAX_THREADS_PER_PROCESS),
};

/** Follows the threads of `context.parent`, at most `maxThreads` recorded at once. */
export async function followThreadsOf(context: FollowContext, maxThreads: number): Promise<Following> {
  const { parent } = context;
  const recorded = new Set<RecordedSource>();
  const installing = new Set<Promise<void>>();
  let stopped = false;
  let refused = 0;

  const record = async (worker: AttachedWorker): Promise<void> => {
    let label = threadLabel(null, worker.info.url);
    try {
      const threadId = await threadIdOf(worker.session);
      label = threadLabel(threadId, worker.info.url);
      const target = workerThreadTarget(parent.target, worker, threadId);
      const source = await context.add(target, { kind: 'thread', threadId, label });
      recorded.add(source);
      void source.recording.finished.then(() => recorded.delete(source));
    } catch (error) {
      // A thread that ended while its agent was being installed is no failure: it is gone.
      const why = error instanceof Error ? error.message : String(error);
      if (worker.session.isOpen()) context.warn(`could not record ${label}: ${why}`);
      await worker.session.close();
    }
  };

  const onAttached = (worker: AttachedWorker): void => {
    if (stopped || context.finishing() || isHyperscopeThread(worker.info.title)) {
      void worker.session.close();
      return;
    }
    if (recorded.size + installing.size >= maxThreads) {
      if (refused++ === 0)
        context.warn(`more than ${maxThreads} worker threads at once: the threads beyond are not recorded`);
      void worker.session.close();
      return;
    }
    const installed: Promise<void> = record(worker).finally(() => installing.delete(installed));
    installing.add(installed);
  };

  const workers = await attachToWorkers(parent.target.session, onAttached);
  return {
    async stop() {
      stopped = true;
      // Every source added is in the session's list before the session stops its sources.
      await Promise.allSettled([...installing]);
      // The session stops the threads' recordings after this returns; they need their sessions until then.
      const ended = [...recorded].map((source) => source.recording.finished);
      void Promise.allSettled(ended).then(() => workers.stop());
    },
  };
}

/**
 * Hyperscope's own threads, not the service's: the in-process recorder's (`hyperscope/register`,
 * `main/in-process/recording-toggle.ts` names it so) and the demo's load, its simulated clients
 * (`demo/load/worker-load-loop.ts`). Node titles a thread `[worker <threadId>] <name>`.
 */
const OWN_THREAD_TITLE = / hyperscope-(recorder|demo-load)$/;

function isHyperscopeThread(title: string): boolean {
  return OWN_THREAD_TITLE.test(title);
}

/** `thread 3 (resize.js)`: the threadId and the script's file name, as far as its URL tells it. */
export function threadLabel(threadId: number | null, url: string): string {
  const thread = threadId === null ? 'a thread' : `thread ${threadId}`;
  const script = scriptName(url);
  return script ? `${thread} (${script})` : thread;
}

function scriptName(url: string): string {
  if (!url.startsWith('file:')) return url.length <= 40 ? url : '';
  try {
    return posix.basename(decodeURIComponent(new URL(url).pathname));
  } catch {
    return '';
  }
}
