/**
 * Allocation sampling by the agent, with `v8.startHeapProfile` inside the target (Node 26 and later):
 * no full GC is forced when a window is read (the inspector's sampler forces one each time). Each window
 * the agent hands over becomes an "allocated" window and, when a full GC ran in it, a "still alive" one
 * (`core/profile/split-heap-window.ts`).
 *
 * A busy service runs full GCs of its own, and they are what the still-alive view is read from. A GC is
 * forced only at the end of a recording that has no still-alive window yet (a small heap that grows
 * slowly: a leak's early minutes), never while it runs: a forced full GC drops optimized code whose
 * embedded objects died ("weak objects") and costs the service ~20 s of slower requests. Forcing one
 * every other window, as the inspector's sampler alternates, made a whole recording of the promise-heavy
 * service cost 0.88 of its CPU per request against 0.96 without allocation sampling (part-toggle bench,
 * docs/performance.md).
 */
import type { AgentHeapWindow } from '../../core/agent-protocol';
import { splitHeapWindow, type LiveMarkedProfile } from '../../core/profile/split-heap-window';
import { allocProfileRecords } from '../../core/session/profile-records';
import type { SessionRecord } from '../../core/session/records';
import type { AgentClient } from '../agent/agent-client';
import type { InspectorSession } from '../inspector/inspector-session';
import type { HeapSampler } from './heap-sampler';

/** How long a forced GC may take to reach the agent's observer, ms (a busy loop delays it), and how often it is asked. */
const GC_REPORT_WAIT_MS = 1000;
const GC_REPORT_POLL_MS = 10;

/**
 * The agent's sampler, or null when the target's Node has no `v8.startHeapProfile` or the agent refuses
 * (another recording's profile runs in it; V8 has one sampling heap profiler, as over the inspector).
 */
export async function startAgentHeapSampler(
  session: InspectorSession,
  agent: AgentClient,
  intervalBytes: number,
  recordingId: string,
): Promise<HeapSampler | null> {
  try {
    if ((await agent.call('heapProfile.available')) !== true) return null;
    await agent.call('heapProfile.start', { samplingInterval: intervalBytes, owner: recordingId });
  } catch {
    return null;
  }
  let windowIndex = 0;
  let aliveWindows = 0;
  const fullGcs = async (): Promise<number> => Number(await agent.call('heapProfile.fullGcs'));
  /** At the end of a recording without a still-alive window: forces a full GC unless the last window saw one. */
  const aliveAtLast = async (): Promise<void> => {
    if (aliveWindows > 0 || (await fullGcs()) > 0) return;
    await session.send('HeapProfiler.collectGarbage');
    // Node reports a GC to observers at a later turn of the target's loop: wait for it to be seen.
    for (const deadline = Date.now() + GC_REPORT_WAIT_MS; Date.now() < deadline;) {
      if ((await fullGcs()) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, GC_REPORT_POLL_MS));
    }
  };
  const records = (window: AgentHeapWindow): SessionRecord[] => {
    const { profile, ...facts } = window;
    const { allocated, alive } = splitHeapWindow(facts, JSON.parse(profile) as LiveMarkedProfile);
    const index = windowIndex++;
    if (alive) aliveWindows++;
    return [allocated, ...(alive ? [alive] : [])].flatMap((part) => [
      ...allocProfileRecords(
        {
          id: `alloc-${part.startTime}-${index}${part.includesCollected ? '' : '-alive'}`,
          startTime: part.startTime,
          endTime: part.endTime,
          samplingInterval: facts.samplingInterval,
          includesCollected: part.includesCollected,
        },
        part.profile,
      ),
    ]);
  };
  return {
    async rotate() {
      return records((await agent.call('heapProfile.rotate')) as AgentHeapWindow);
    },
    async stop() {
      await aliveAtLast();
      return records((await agent.call('heapProfile.stop')) as AgentHeapWindow);
    },
  };
}
