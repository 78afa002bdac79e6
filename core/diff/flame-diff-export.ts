/**
 * The differential flame graph of two inputs as a file (`hyperscope diff BASE FILE --flame OUT`): the
 * html or svg flame exporter, coloured by change instead of by frame family.
 */
import { htmlChunks } from '../export/html';
import { svgChunks } from '../export/svg';
import type { ProfileSet } from '../import/profile-set';
import { comparedProfiles, type DiffedProfile, type DiffInputsOptions } from './diff-report';
import { diffFlame, type FlameDiff } from './flame-diff';
import { deltaColoring, DRAWN, flameDiffModel } from './flame-diff-model';

/** The merged tree of `profile` in both sets, compared as `diffInputs` compares it; undefined if one lacks it. */
export function flameDiffOf(
  base: ProfileSet,
  current: ProfileSet,
  profile: DiffedProfile,
  options: DiffInputsOptions = {},
): FlameDiff | undefined {
  const pair = comparedProfiles(base, current, profile, options);
  return pair && diffFlame(pair.before, pair.after, pair.value, pair.options);
}

/** The file's text in chunks; `title` names both inputs (it is escaped by the exporter). */
export function flameDiffChunks(diff: FlameDiff, format: 'html' | 'svg', title: string): Iterable<string> {
  const drawable = flameDiffModel(diff);
  const options = { title: `${title} (red grew, blue shrank)`, delta: deltaColoring(drawable) };
  return format === 'html'
    ? htmlChunks(drawable.model, DRAWN, options)
    : svgChunks(drawable.model, DRAWN, options);
}
