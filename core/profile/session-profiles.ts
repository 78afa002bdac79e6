/**
 * A session's profile windows as models: each window kept (for rates over time) and the windows of one
 * kind merged (for totals and top tables). Allocation windows split by what V8 included: objects later
 * collected (allocated) or not (still alive at the window's end; V8 forces a full GC before answering).
 */
import type { Session } from '../session/session';
import { agentScriptIds, cpuProfileAgentScripts } from './agent-frames';
import { buildAllocModel } from './build-alloc-model';
import { buildCpuModel } from './build-cpu-model';
import { mergeModels } from './merge-models';
import { unpackModel } from './packed-model';
import type { ProfileModel } from './profile-model';

/** One profile window: its model and when it ran, ms since the epoch. */
export interface WindowModel {
  startTime: number;
  endTime: number;
  model: ProfileModel;
}

/** The windows of one kind, in time order, and their merge. */
export interface WindowedProfile {
  windows: WindowModel[];
  merged: ProfileModel;
  /** Time the windows cover together, ms. */
  coveredMs: number;
  /** CPU: µs between samples; alloc: bytes between samples; from the first window. */
  samplingInterval: number;
}

export interface SessionProfiles {
  cpu: WindowedProfile | null;
  /** Windows that include objects GC collected since: everything allocated. */
  allocated: WindowedProfile | null;
  /** Windows without collected objects: what was still alive when each window ended. */
  alive: WindowedProfile | null;
}

/** Builds every window's model once. Windows without `includesCollected` count as still-alive ones. */
export function sessionProfiles(session: Session): SessionProfiles {
  const agentScripts = sessionAgentScripts(session);
  const cpuModels = cpuWindowModels(session, agentScripts);
  const cpu = session.cpuProfiles.map((window, i) => ({ meta: window.meta, model: cpuModels[i]! }));
  const alloc = session.allocProfiles.map((window) => ({
    meta: window.meta,
    model: buildAllocModel(window, agentScripts),
  }));
  return {
    cpu: windowed(cpu),
    allocated: windowed(alloc.filter((window) => window.meta.includesCollected === true)),
    alive: windowed(alloc.filter((window) => window.meta.includesCollected !== true)),
  };
}

/** The models of one process's (or thread's) CPU windows, in order: unpacked when sent packed, else built. */
export function cpuWindowModels(
  data: Pick<Session, 'cpuProfiles' | 'allocProfiles'>,
  agentScripts: ReadonlySet<string> = sessionAgentScripts(data),
): ProfileModel[] {
  return data.cpuProfiles.map((window) =>
    window.packed ? unpackModel(window.packed.model) : buildCpuModel(window.profile, agentScripts),
  );
}

/** Script ids of the agent in any window of one process: it keeps its id for the process's life, and a window may name it only by id. */
function sessionAgentScripts(data: Pick<Session, 'cpuProfiles' | 'allocProfiles'>): Set<string> {
  const ids = agentScriptIds(
    data.allocProfiles.flatMap((window) => window.nodes.map((node) => node.callFrame)),
  );
  for (const window of data.cpuProfiles)
    for (const id of window.packed?.agentScripts ?? cpuProfileAgentScripts(window.profile)) ids.add(id);
  return ids;
}

function windowed(
  windows: { meta: { startTime: number; endTime: number; samplingInterval: number }; model: ProfileModel }[],
): WindowedProfile | null {
  const first = windows[0];
  if (!first) return null;
  const sorted = [...windows].sort((a, b) => a.meta.startTime - b.meta.startTime);
  return {
    windows: sorted.map(({ meta, model }) => ({ startTime: meta.startTime, endTime: meta.endTime, model })),
    merged: mergeModels(sorted.map((window) => window.model)),
    coveredMs: sorted.reduce((sum, { meta }) => sum + Math.max(0, meta.endTime - meta.startTime), 0),
    samplingInterval: first.meta.samplingInterval,
  };
}
