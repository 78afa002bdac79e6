/**
 * The profiles of several processes or threads (the parts of a cluster's or a threaded service's session)
 * as one set: what the whole service spent, for a combined flame graph. Each kind is merged over the
 * parts that have it; a kind no part has stays null.
 */
import type { ProfileSet } from '../import/profile-set';
import type { Session } from '../session/session';
import { mergeModels } from './merge-models';
import type { ProfileModel } from './profile-model';

const KINDS = ['cpu', 'allocated', 'alive', 'chains'] as const;

/**
 * One set whose models add up `sets`' models per call stack. Script ids are set aside for frames with
 * a url: each process numbers its scripts itself, and the same function in two workers is one box.
 * Durations add up (four workers profiled for 10 s are 40 s of CPU time). `session`: the whole session.
 */
export function mergeProfileSets(sets: readonly ProfileSet[], session: Session | null): ProfileSet {
  const merged = { format: 'session', session } as ProfileSet;
  for (const kind of KINDS) {
    const models = sets.flatMap((set) => (set[kind] ? [set[kind]] : []));
    merged[kind] =
      models.length === 0
        ? null
        : models.length === 1
          ? models[0]!
          : mergeModels(models.map(acrossProcesses));
  }
  return merged;
}

/** The model with its frames' script ids dropped where a url names the script. */
export function acrossProcesses(model: ProfileModel): ProfileModel {
  if (!model.frames.some((frame) => frame.url !== '' && frame.scriptId !== undefined)) return model;
  return {
    ...model,
    frames: model.frames.map((frame) => {
      if (frame.url === '' || frame.scriptId === undefined) return frame;
      const { scriptId: _scriptId, ...rest } = frame;
      return rest;
    }),
  };
}
