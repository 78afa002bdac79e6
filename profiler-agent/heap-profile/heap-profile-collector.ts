/**
 * Allocation sampling driven from inside the target with `v8.startHeapProfile` (Node 26 and later). The
 * inspector's sampler runs a full GC every time its profile is read, and a full GC costs a busy service
 * ~20 s of slower code while V8 optimizes again (docs/performance.md); this one runs none. Each window
 * keeps every sample, collected or not, and says which are still live, so one window serves both the
 * "allocated" and the "still alive" view (`core/profile/split-heap-window.ts`), with the full GCs seen in
 * it to tell what survived a GC from what no GC has looked at yet.
 *
 * Methods (through the agent's `call`): `available()`; `start({ samplingInterval, owner })`, refused
 * while another owner's profile runs (V8 has one sampling heap profiler), taken over by the same owner
 * (a recording that reconnected); `fullGcs()`, how many
 * full GCs the window has seen; `rotate()` ends the window and starts the next; `stop()`. `rotate` and
 * `stop` return an `AgentHeapWindow`.
 */
import type { AgentHeapWindow } from '../../core/agent-protocol';
import type { Builtins } from '../builtins';
import type { Collector } from '../collector';
import { watchFullGcs, type FullGcMarks } from './full-gc-marks';

/** The handle `v8.startHeapProfile` returns (Node 26: its `stop()` gives the profile as JSON text). */
interface HeapProfileHandle {
  stop(): string;
}

type StartHeapProfile = (options: {
  sampleInterval: number;
  includeObjectsCollectedByMajorGC: boolean;
  includeObjectsCollectedByMinorGC: boolean;
}) => HeapProfileHandle;

interface Running {
  /** The recording that started it. */
  owner: string;
  handle: HeapProfileHandle;
  startTime: number;
  allocatedAtStart: number;
  samplingInterval: number;
}

export function createHeapProfileCollector(): Collector<undefined> {
  let builtins: Builtins | undefined;
  let running: Running | undefined;
  let gcs: FullGcMarks | undefined;

  const startHeapProfile = (): StartHeapProfile | undefined => {
    const start = (builtins?.v8 as { startHeapProfile?: unknown } | undefined)?.startHeapProfile;
    return typeof start === 'function' ? (start as StartHeapProfile).bind(builtins!.v8) : undefined;
  };
  const allocated = (): number =>
    (builtins!.v8.getHeapStatistics() as { total_allocated_bytes?: number }).total_allocated_bytes ?? NaN;
  /** Node 26's API, and V8's allocated-bytes counter that places samples, are both there. */
  const available = (): boolean => startHeapProfile() !== undefined && Number.isFinite(allocated());

  const begin = (samplingInterval: number, owner: string): void => {
    if (!available()) throw new Error('v8.startHeapProfile is not available');
    if (!(samplingInterval >= 1)) throw new Error('samplingInterval must be at least 1 byte');
    gcs ??= watchFullGcs(builtins!, allocated);
    const allocatedAtStart = allocated();
    const handle = startHeapProfile()!({
      sampleInterval: samplingInterval,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    running = { owner, handle, startTime: Date.now(), allocatedAtStart, samplingInterval };
  };

  const end = (): AgentHeapWindow => {
    if (!running) throw new Error('no heap profile is running');
    const { handle, startTime, allocatedAtStart, samplingInterval, owner } = running;
    running = undefined;
    const profile = handle.stop();
    return {
      owner,
      profile,
      startTime,
      endTime: Date.now(),
      samplingInterval,
      allocatedAtStart,
      fullGcs: gcs!.take(startTime),
    };
  };

  const quit = (): void => {
    try {
      running?.handle.stop();
    } finally {
      running = undefined;
      gcs?.stop();
      gcs = undefined;
    }
  };

  return {
    name: 'heapProfile',
    start(context) {
      builtins = context.builtins;
    },
    collect: () => undefined,
    methods: {
      available,
      start(arg) {
        const { samplingInterval, owner } = (arg ?? {}) as { samplingInterval?: unknown; owner?: unknown };
        if (running && running.owner !== String(owner))
          throw new Error('a heap profile of another recording is running');
        // A recording that reconnected starts again: the window it lost is dropped with its samples.
        if (running) quit();
        begin(Number(samplingInterval), String(owner));
        return true;
      },
      fullGcs: () => (running && gcs ? gcs.count(running.startTime) : 0),
      rotate() {
        const ended = end();
        begin(ended.samplingInterval, ended.owner);
        return ended;
      },
      stop() {
        const ended = end();
        quit();
        return ended;
      },
    },
    stop: quit,
  };
}
