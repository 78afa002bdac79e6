/**
 * The diff of two inputs (`hyperscope diff BASE FILE [--json]`): per-function deltas of every profile
 * kind both have, and for two sessions the findings and series compared. Versioned by `schema`.
 */
import { analyzeParts } from '../findings/analyze-parts';
import { serviceOnly } from '../profile/agent-cost';
import { codeOnly } from '../profile/code-only';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import { grandTotal } from '../profile/totals';
import type { InputFormat, ProfileSet } from '../import/profile-set';
import { sessionDurationMs, type Session } from '../session/session';
import { diffFindings, type FindingsDiff } from './findings-diff';
import { matchParts } from './match-parts';
import { diffProfiles, type DiffOptions, type ProfileDiff } from './profile-diff';
import { diffSeries, type SeriesDelta } from './series-diff';

export const DIFF_SCHEMA = 'hyperscope.diff/1';

/** Which profile a diff section compares. */
export type DiffedProfile = 'cpu' | 'allocated' | 'alive' | 'chains';

export interface DiffReport {
  schema: typeof DIFF_SCHEMA;
  base: { name: string; format: InputFormat };
  current: { name: string; format: InputFormat };
  /** One section per profile both inputs have. */
  profiles: ({ profile: DiffedProfile } & ProfileDiff)[];
  /** Null unless both inputs are sessions. */
  findings: FindingsDiff | null;
  series: SeriesDelta[] | null;
  /** Profiles only one side has, and other things a reader should know. */
  notes: string[];
}

/** The value compared per profile: CPU time (µs; sample counts without timestamps), bytes, chains. */
const VALUE_OF: Record<DiffedProfile, string> = {
  cpu: 'time',
  allocated: 'space',
  alive: 'space',
  chains: 'chains',
};

export interface DiffInputsOptions {
  /** Keep V8's non-code CPU frames — (idle), (program), (root) — which are left out by default. */
  allFrames?: boolean;
}

export function diffInputs(
  base: { name: string; set: ProfileSet },
  current: { name: string; set: ProfileSet },
  options: DiffInputsOptions = {},
): DiffReport {
  const profiles: DiffReport['profiles'] = [];
  const notes: string[] = [];
  for (const profile of ['cpu', 'allocated', 'alive', 'chains'] as const) {
    const pair = comparedProfiles(base.set, current.set, profile, options);
    if (!pair) {
      const only = base.set[profile] ? base.name : current.set[profile] ? current.name : null;
      if (only) notes.push(`${profile}: only in ${only}`);
      continue;
    }
    if (pair.leftOut) notes.push('cpu: (idle), (program) and (root) left out (--all-frames keeps them)');
    // Hyperscope's own cost is not the service's growth: the function table leaves its frame out (the
    // flame diff, which reads `comparedProfiles`, keeps its box: it is where the time went).
    const before = profile === 'chains' ? pair.before : serviceOnly(pair.before);
    const after = profile === 'chains' ? pair.after : serviceOnly(pair.after);
    if (before !== pair.before || after !== pair.after)
      notes.push(`${profile}: (hyperscope agent) left out, Hyperscope's own cost and not the service's`);
    profiles.push({ profile, ...diffProfiles(before, after, pair.value, pair.options) });
  }
  const a = base.set.session;
  const b = current.set.session;
  return {
    schema: DIFF_SCHEMA,
    base: { name: base.name, format: base.set.format },
    current: { name: current.name, format: current.set.format },
    profiles,
    findings: a && b ? diffFindings(analyzeParts(a), analyzeParts(b)) : null,
    series: a && b ? diffSeries(a, b) : null,
    notes: a && b ? [...notes, ...partNotes(a, b, base.name, current.name)] : notes,
  };
}

/** The two models one section compares, exactly as `diffInputs` compares them. */
export interface ComparedProfiles {
  before: ProfileModel;
  after: ProfileModel;
  /** The value type compared. */
  value: string;
  options: DiffOptions;
  /** True when CPU frames with some value were left out (--all-frames keeps them). */
  leftOut: boolean;
}

/** `profile` of both sets, ready to diff (non-code CPU frames dropped); undefined if either lacks it. */
export function comparedProfiles(
  base: ProfileSet,
  current: ProfileSet,
  profile: DiffedProfile,
  options: DiffInputsOptions = {},
): ComparedProfiles | undefined {
  let before = base[profile];
  let after = current[profile];
  if (!before || !after) return undefined;
  const value = valueOf(profile, before, after);
  let leftOut = false;
  // Waiting is not work: (idle) would top the table and shift every share. Durations stay the span.
  if (profile === 'cpu' && !options.allFrames) {
    const shown = [codeOnly(before), codeOnly(after)] as const;
    leftOut = leavesOut(before, shown[0], value) || leavesOut(after, shown[1], value);
    [before, after] = shown;
  }
  // Chains are a moment (a dump), not a span: compare them as they are.
  const normalisation = profile === 'chains' ? 'none' : undefined;
  return {
    before,
    after,
    value,
    leftOut,
    options: {
      normalisation,
      baseDurationUs: durationUs(base, before),
      currentDurationUs: durationUs(current, after),
    },
  };
}

function valueOf(profile: DiffedProfile, before: ProfileModel, after: ProfileModel): string {
  const wanted = VALUE_OF[profile];
  const has = (model: ProfileModel, name: string): boolean => model.valueTypes.some((t) => t.name === name);
  if (has(before, wanted) && has(after, wanted)) return wanted;
  const shared = before.valueTypes.find((type) => has(after, type.name));
  if (!shared) throw new RangeError(`${profile}: the two profiles share no value type`);
  return shared.name;
}

/**
 * The profile's own span: CPU windows' wall time, or for a session's allocations the time their windows
 * cover (`profileSetOfSession`); else the session's length, when the input is a session.
 */
function durationUs(set: ProfileSet, model: ProfileModel): number | undefined {
  if (model.durationUs) return model.durationUs;
  return set.session ? sessionDurationMs(set.session) * 1000 || undefined : undefined;
}

/** True when `shown` has less of `value` than `model`: the frames left out had some. */
function leavesOut(model: ProfileModel, shown: ProfileModel, value: string): boolean {
  return grandTotal(shown, valueIndexOf(shown, value)) < grandTotal(model, valueIndexOf(model, value));
}

/** In sessions of several processes or threads: the parts whose series could not be paired. */
function partNotes(a: Session, b: Session, baseName: string, currentName: string): string[] {
  if (a.sources.length === 0 && b.sources.length === 0) return [];
  const { onlyBase, onlyCurrent } = matchParts(a, b);
  const only = (labels: string[], name: string) =>
    labels.length > 0 ? [`series: ${labels.join(', ')} only in ${name}`] : [];
  return [...only(onlyBase, baseName), ...only(onlyCurrent, currentName)];
}
