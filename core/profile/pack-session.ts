/**
 * A session as the UI receives it: each CPU window's model built here, on the Node side, where the
 * findings have built it already, and sent packed in place of the raw profile. A raw CPU profile is
 * most of an opened profile's bytes (a 40 MB `.cpuprofile` is 40 MB of JSON to write, send and parse
 * again, then a model to build again in the renderer); its packed model is about a tenth of that.
 */
import type { CpuProfileWindow, Session, SourceData } from '../session/session';
import { cpuProfileAgentScripts } from './agent-frames';
import { packModel } from './packed-model';
import { cpuWindowModels } from './session-profiles';

/** `session` with every CPU window (its own and its sources') packed; never mutates the input. */
export function packSession(session: Session): Session {
  return {
    ...session,
    cpuProfiles: packedWindows(session),
    sources: session.sources.map((source): SourceData => ({ ...source, cpuProfiles: packedWindows(source) })),
  };
}

function packedWindows(data: Pick<Session, 'cpuProfiles' | 'allocProfiles'>): CpuProfileWindow[] {
  const models = cpuWindowModels(data);
  return data.cpuProfiles.map((window, i) => {
    if (window.packed) return window;
    const { profile } = window;
    return {
      meta: window.meta,
      // Its times stay: they place the window; nodes and samples are the model's now.
      profile: {
        startTime: profile.startTime,
        endTime: profile.endTime,
        nodes: [],
        samples: [],
        timeDeltas: [],
      },
      packed: {
        model: packModel(models[i]!),
        agentScripts: [...cpuProfileAgentScripts(profile)],
      },
    };
  });
}
