/**
 * Names worker threads by the script they run. A `Worker` object keeps no file name, and the
 * `worker_threads` channel gives only the object; Node's inspector has it: `NodeWorker.enable` on an
 * in-process session reports every running worker (`attachedToWorker`: url, and a title
 * `[worker <threadId>] <name>` — its `workerId` is a counter of the session, not the threadId), and
 * `NodeWorker.disable` detaches again. It is looked up only for threads a promise was seen waiting on, at
 * a clean turn of the loop (inside an inspector interrupt Node 20–24 deliver those events later), at most
 * once a second: ~0.1–4 ms with 1–16 workers.
 */
import type { Session } from 'node:inspector';
import { loadBuiltin } from '../builtins';

/** What the inspector says of one worker thread. */
export interface WorkerName {
  /** File name of its script (`resize.js`); absent for `eval` and `data:` workers. */
  script?: string;
  /** The `name` it was made with; absent when none was given. */
  name?: string;
}

type InspectorModule = { Session: new () => Session };

const LOOKUP_EVERY_MS = 1000;
/** A thread not yet running when looked up (just made) is looked up again, this many times in all. */
const MAX_TRIES = 3;
const MAX_NAMED = 1024;
const MAX_WANTED = 256;
/** The name Node 24+ gives workers made without one. */
const DEFAULT_NAME = 'WorkerThread';

export class WorkerNames {
  private readonly named = new Map<number, WorkerName>();
  /** Threads to look up, with the lookups tried so far. */
  private readonly wanted = new Map<number, number>();
  private lastLookupAt = -Infinity;
  /** Lookups done, and lookups that failed (no inspector, a session refused). */
  lookups = 0;
  failures = 0;

  constructor(private readonly inspector: () => InspectorModule | undefined = inProcessInspector) {}

  of(threadId: number): WorkerName | undefined {
    return this.named.get(threadId);
  }

  /** Asks for `threadId`'s name at the next {@link refresh}. Cheap: called where promises are linked. */
  want(threadId: number): void {
    if (this.named.has(threadId) || this.wanted.has(threadId) || this.wanted.size >= MAX_WANTED) return;
    this.wanted.set(threadId, 0);
  }

  /** At a clean turn of the loop: looks up the threads asked for, if any (at most once a second). */
  refresh(now = Date.now()): void {
    if (this.wanted.size === 0 || now - this.lastLookupAt < LOOKUP_EVERY_MS) return;
    this.lastLookupAt = now;
    this.lookups++;
    try {
      for (const [threadId, name] of this.lookUp()) this.remember(threadId, name);
    } catch {
      this.failures++;
    }
    for (const [threadId, tries] of this.wanted) {
      if (this.named.has(threadId) || tries + 1 >= MAX_TRIES) this.wanted.delete(threadId);
      else this.wanted.set(threadId, tries + 1);
    }
  }

  private remember(threadId: number, name: WorkerName): void {
    if (!this.named.has(threadId) && this.named.size >= MAX_NAMED) {
      // The oldest first: threads made later are the ones still waited on.
      this.named.delete(this.named.keys().next().value!);
    }
    this.named.set(threadId, name);
  }

  /** Every running worker thread's name, from one `NodeWorker.enable`/`disable` on a session of our own. */
  private lookUp(): Map<number, WorkerName> {
    const found = new Map<number, WorkerName>();
    const inspector = this.inspector();
    if (!inspector) throw new Error('no inspector');
    const session = new inspector.Session();
    session.connect();
    try {
      // Delivered while `enable` is dispatched, at a clean turn (Node 20–26).
      session.on('NodeWorker.attachedToWorker', ({ params }) => {
        const title = /^\[worker (\d+)\](?: (.*))?$/.exec(params.workerInfo.title);
        if (!title) return;
        const name = title[2] && title[2] !== DEFAULT_NAME ? title[2] : undefined;
        found.set(Number(title[1]), { script: scriptOf(params.workerInfo.url), name });
      });
      session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
      session.post('NodeWorker.disable');
    } finally {
      session.disconnect();
    }
    return found;
  }
}

/** The file name of a worker's URL (`file:///srv/app/resize.js` → `resize.js`); undefined when empty. */
export function scriptOf(url: string): string | undefined {
  const last = url.split(/[?#]/)[0]!.split('/').pop();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** `node:inspector`, where Node can load it outside the install (`process.getBuiltinModule`, Node ≥ 20.16); else throws. */
function inProcessInspector(): InspectorModule {
  return loadBuiltin(undefined, 'inspector') as InspectorModule;
}
