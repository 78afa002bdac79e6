/**
 * Allocation sampling over the inspector (`HeapProfiler.startSampling`), in windows that alternate
 * between "allocated" (objects later collected by GC included) and "still alive" (collected objects
 * dropped), so a session can tell allocation rate from retention per call site. Windows also bound
 * memory: with the collected-objects flags V8 keeps every sample until sampling stops (FIELD-NOTES).
 */
import { allocProfileRecords } from '../../core/session/profile-records';
import type { SessionRecord } from '../../core/session/records';
import type { InspectorSession } from '../inspector/inspector-session';

export interface HeapSampler {
  /** Ends the current window and starts the next; returns the ended window as records. */
  rotate(): Promise<SessionRecord[]>;
  /** Ends the current window and stops sampling. */
  stop(): Promise<SessionRecord[]>;
}

export async function startHeapSampler(
  session: InspectorSession,
  intervalBytes: number,
): Promise<HeapSampler> {
  let includesCollected = true;
  let windowStart = Date.now();
  let windowIndex = 0;

  const begin = async (): Promise<void> => {
    windowStart = Date.now();
    await session.send('HeapProfiler.startSampling', {
      samplingInterval: intervalBytes,
      includeObjectsCollectedByMajorGC: includesCollected,
      includeObjectsCollectedByMinorGC: includesCollected,
    });
  };
  const end = async (): Promise<SessionRecord[]> => {
    const { profile } = await session.send('HeapProfiler.stopSampling');
    const meta = {
      id: `alloc-${windowStart}-${windowIndex++}`,
      startTime: windowStart,
      endTime: Date.now(),
      samplingInterval: intervalBytes,
      includesCollected,
    };
    return [...allocProfileRecords(meta, profile)];
  };

  await session.send('HeapProfiler.enable');
  await begin();
  return {
    async rotate() {
      const records = await end();
      includesCollected = !includesCollected;
      await begin();
      return records;
    },
    async stop() {
      const records = await end();
      await session.send('HeapProfiler.disable').catch(() => undefined);
      return records;
    },
  };
}
