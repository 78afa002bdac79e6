/**
 * Picks the exporter for a format and the model for a profile kind: the one entry point the CLI and the
 * app use. Output comes as chunks (strings, or bytes for pprof), never one giant string.
 */
import { codeOnly } from '../profile/code-only';
import { foldedLines } from '../profile/folded';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import { kindsIn, type ProfileKind, type ProfileSet } from '../import/profile-set';
import { batched } from './chunks';
import { cpuprofileChunks } from './cpuprofile';
import { primaryValueIndex } from './export-values';
import { heapprofileChunks } from './heapprofile';
import { htmlChunks } from './html';
import { pprofChunks } from './pprof';
import { allocPprofSpec, chainsPprofSpec, cpuPprofSpec } from './pprof-specs';
import { SPEEDSCOPE_PROFILE_NAMES } from './speedscope-file';
import { speedscopeChunks, type SpeedscopeEntry } from './speedscope';
import { svgChunks } from './svg';

export const EXPORT_FORMATS = [
  'speedscope',
  'folded',
  'cpuprofile',
  'heapprofile',
  'pprof',
  'html',
  'svg',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file name ending of each format. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  speedscope: '.speedscope.json',
  folded: '.folded',
  cpuprofile: '.cpuprofile',
  heapprofile: '.heapprofile',
  pprof: '.pb.gz',
  html: '.html',
  svg: '.svg',
};

export type ExportOutput =
  | { type: 'text'; chunks: Iterable<string> }
  /** Uncompressed pprof protobuf: `gzip` says to compress it on the way out. */
  | { type: 'bytes'; chunks: Iterable<Uint8Array>; gzip: boolean };

/** A request the input cannot satisfy (no such profile in it, a format for another kind); one line. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

const KIND_NAMES: Record<ProfileKind, string> = {
  cpu: 'CPU',
  alloc: 'allocation',
  alive: 'still-alive allocation',
  chains: 'promise-chain',
};

export interface ExportOptions {
  /**
   * Keep V8's non-code CPU frames — (idle), (program), (root) — in flame graphs (html, svg). Off by
   * default: an idle service's (idle) would take most of the width. Formats for other tools keep them.
   */
  allFrames?: boolean;
}

/** The kind exported when none is asked for: CPU, else allocations, else chains. */
export function defaultKind(set: ProfileSet, format: ExportFormat): ProfileKind {
  if (format === 'heapprofile') return 'alloc';
  // So that a session without one hears "no CPU profile", not that cpuprofile holds no allocations.
  if (format === 'cpuprofile') return 'cpu';
  const kinds = kindsIn(set);
  if (kinds.length === 0) throw new ExportError('the input holds no profile');
  return kinds[0]!;
}

/** `set`'s profile of `kind` in `format`; `title` names it inside the file (speedscope, html, svg). */
export function exportProfile(
  set: ProfileSet,
  format: ExportFormat,
  kind: ProfileKind,
  title: string,
  options: ExportOptions = {},
): ExportOutput {
  const one = modelOf(set, kind);
  switch (format) {
    case 'speedscope':
      return { type: 'text', chunks: speedscopeChunks(speedscopeEntries(set, kind), title) };
    case 'folded': {
      const samples = valueIndexOf(one, 'samples');
      const value = kind === 'cpu' && samples >= 0 ? samples : primaryValueIndex(one);
      return { type: 'text', chunks: batched(foldedLines(one, value)) };
    }
    case 'cpuprofile':
      if (kind !== 'cpu')
        throw new ExportError(`cpuprofile holds CPU profiles, not ${KIND_NAMES[kind]} ones`);
      return { type: 'text', chunks: cpuprofileChunks(one) };
    case 'heapprofile':
      if (kind !== 'alloc' && kind !== 'alive')
        throw new ExportError(`heapprofile holds allocation profiles, not ${KIND_NAMES[kind]} ones`);
      return {
        type: 'text',
        chunks: heapprofileChunks(one, {
          includesCollected: one === set.allocated,
          samplingInterval: one.samplingInterval,
        }),
      };
    case 'pprof': {
      const spec =
        kind === 'cpu'
          ? cpuPprofSpec(one)
          : kind === 'alloc'
            ? allocPprofSpec(set.allocated, set.alive)
            : kind === 'alive'
              ? allocPprofSpec(null, set.alive)
              : chainsPprofSpec(one);
      return { type: 'bytes', chunks: pprofChunks(spec), gzip: true };
    }
    case 'html':
    case 'svg': {
      // Only flame graphs leave non-code frames out: a large profile's copy is not made for other formats.
      const flame = kind === 'cpu' && !options.allFrames ? codeOnly(one) : one;
      const chunks = format === 'html' ? htmlChunks : svgChunks;
      return { type: 'text', chunks: chunks(flame, primaryValueIndex(flame), { title }) };
    }
  }
}

/** The model of `kind`: for `alloc`, everything allocated when recorded, else what stayed alive. */
export function modelOf(set: ProfileSet, kind: ProfileKind): ProfileModel {
  const model = { cpu: set.cpu, alloc: set.allocated ?? set.alive, alive: set.alive, chains: set.chains }[
    kind
  ];
  if (!model)
    throw new ExportError(
      `the input holds no ${KIND_NAMES[kind]} profile (it has: ${kindsIn(set).join(', ') || 'none'})`,
    );
  return model;
}

function speedscopeEntries(set: ProfileSet, kind: ProfileKind): SpeedscopeEntry[] {
  const entry = (name: string, model: ProfileModel | null): SpeedscopeEntry[] =>
    model ? [{ name, model, valueIndex: primaryValueIndex(model) }] : [];
  if (kind === 'cpu') return entry(SPEEDSCOPE_PROFILE_NAMES.cpu, set.cpu);
  if (kind === 'chains') return entry(SPEEDSCOPE_PROFILE_NAMES.chains, set.chains);
  if (kind === 'alive') return entry(SPEEDSCOPE_PROFILE_NAMES.alive, set.alive);
  return [
    ...entry(SPEEDSCOPE_PROFILE_NAMES.allocated, set.allocated),
    ...entry(SPEEDSCOPE_PROFILE_NAMES.alive, set.alive),
  ];
}
