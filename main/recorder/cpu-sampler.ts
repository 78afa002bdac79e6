/**
 * CPU profiling of the target over the inspector (`Profiler.*`), in windows: `rotate` ends one profile
 * and starts the next. `Profiler.stop` returns a profile in one CDP message; it is written in parts.
 * Inlined functions keep their names across windows and for code optimized before the attach
 * (inline-frames.ts).
 */
import { cpuProfileRecords } from '../../core/session/profile-records';
import type { SessionRecord } from '../../core/session/records';
import type { InspectorSession } from '../inspector/inspector-session';
import { reoptimizeUnderProfiler, withBridgeProfile } from './inline-frames';

export interface CpuSampler {
  /** Ends the current window and starts the next; returns the ended window as records. */
  rotate(): Promise<SessionRecord[]>;
  /** Ends the current window and stops profiling. */
  stop(): Promise<SessionRecord[]>;
}

/** Starts the CPU profiler with `intervalUs` µs between samples (V8's default is ~1000). */
export async function startCpuSampler(session: InspectorSession, intervalUs: number): Promise<CpuSampler> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  let startTime = 0;
  const begin = async (): Promise<void> => {
    startTime = Date.now();
    await session.send('Profiler.start');
  };
  const end = async (): Promise<SessionRecord[]> => {
    const { profile } = await session.send('Profiler.stop');
    const meta = { id: `cpu-${startTime}`, startTime, endTime: Date.now(), samplingInterval: intervalUs };
    return [...cpuProfileRecords(meta, profile)];
  };
  await begin();
  await reoptimizeUnderProfiler(session);
  return {
    async rotate() {
      return withBridgeProfile(session, async () => {
        const records = await end();
        await begin();
        return records;
      });
    },
    async stop() {
      const records = await end();
      await session.send('Profiler.disable').catch(() => undefined); // the profile is what matters
      return records;
    },
  };
}
