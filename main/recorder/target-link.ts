/**
 * What a recording holds on one inspector connection: the session, the agent injected through it and
 * the profilers it started. A reconnect builds a new link on the new session (the agent is reused).
 */
import type { AgentClient, InstallTiming } from '../agent/agent-client';
import { injectAgent } from '../agent/agent-client';
import { orphanAfterForRecording } from '../agent/orphan-after';
import { closeInspectorInside } from '../inspector/close-inspector-inside';
import type { InspectorSession } from '../inspector/inspector-session';
import type { CpuSampler } from './cpu-sampler';
import { startCpuSampler } from './cpu-sampler';
import { startAgentHeapSampler } from './agent-heap-sampler';
import type { HeapSampler } from './heap-sampler';
import { startHeapSampler } from './heap-sampler';
import type { RecordingOptions } from './recording-options';

export interface TargetLink {
  readonly session: InspectorSession;
  readonly agent: AgentClient;
  readonly cpu: CpuSampler | null;
  readonly heap: HeapSampler | null;
}

/**
 * Injects (or reuses) the agent behind `session` and starts the profilers the options ask for.
 * `openedInspector`: we opened the target's inspector, so an agent orphaned by our death closes it too.
 * `recordingId` names the recording to the agent, the same across its reconnections.
 */
export async function openTargetLink(
  session: InspectorSession,
  options: Pick<
    RecordingOptions,
    | 'cpu'
    | 'heap'
    | 'promises'
    | 'promiseOptions'
    | 'cpuSamplingIntervalUs'
    | 'heapSamplingIntervalBytes'
    | 'intervalMs'
  >,
  openedInspector: boolean,
  recordingId: string,
  installTiming: InstallTiming = {},
): Promise<TargetLink> {
  const promises = options.promises ? { ...options.promiseOptions } : { enabled: false };
  const agent = await injectAgent(
    session,
    {
      promises,
      orphanAfterMs: orphanAfterForRecording(options.intervalMs),
      closeInspectorWhenOrphaned: openedInspector,
    },
    installTiming,
  );
  const cpu = options.cpu ? await startCpuSampler(session, options.cpuSamplingIntervalUs) : null;
  const heap = options.heap
    ? await startAllocationSampling(session, agent, options.heapSamplingIntervalBytes, recordingId)
    : null;
  return { session, agent, cpu, heap };
}

/**
 * The agent's allocation sampler where the target's Node has `v8.startHeapProfile` (26 and later: no GC
 * forced when a window is read), else the inspector's.
 */
async function startAllocationSampling(
  session: InspectorSession,
  agent: AgentClient,
  intervalBytes: number,
  recordingId: string,
): Promise<HeapSampler> {
  return (
    (await startAgentHeapSampler(session, agent, intervalBytes, recordingId)) ??
    startHeapSampler(session, intervalBytes)
  );
}

/**
 * Leaves a target that stopped answering (SIGSTOP, a debugger pause) as it was, without waiting:
 * the commands queue in its inspector socket and run when it resumes — the agent removes its hooks
 * and, when we opened the inspector, the inspector closes. (V8 ends the profilers with the session.)
 */
export function queueDetach(link: TargetLink, closeInspector: boolean): void {
  link.agent.detach().catch(() => undefined);
  if (closeInspector) closeInspectorInside(link.session).catch(() => undefined);
}
