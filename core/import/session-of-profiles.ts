/**
 * A profile file from another tool as a Session, so that everything that reads sessions (the report, the
 * app's views, diffs against a recording) reads it too. The session has no snapshots: its CPU model is
 * one CPU window, its allocation models one window each (allocated or still alive). The header says where
 * it came from: `attachedBy: 'file'`, `argv: [file name]`.
 */
import type { Protocol } from 'devtools-protocol';
import { cpuprofileChunks } from '../export/cpuprofile';
import { heapprofileChunks } from '../export/heapprofile';
import type { ProfileModel } from '../profile/profile-model';
import { flattenAllocTree } from '../session/profile-records';
import { SESSION_SCHEMA, type HeaderRecord, type ProfileBeginRecord } from '../session/records';
import type { AllocProfileWindow, CpuProfileWindow, Session } from '../session/session';
import type { ProfileSet } from './profile-set';

/** What writes the header of an imported profile, in place of a Hyperscope version. */
export const IMPORTED_WRITER = 'import';

/** Where the profile came from. */
export interface ImportedFile {
  /** The file's name (no directory), shown as the session's command. */
  name: string;
  /** When the profile was taken, as far as known (the file's mtime), ms since the epoch. */
  createdAt: number;
}

/**
 * The session of `set`: the set's own session when it was read from one, else a synthetic session whose
 * windows start at `file.createdAt`. Values are carried through the DevTools formats the exporters write,
 * so the models built back from the windows hold the same totals (CPU time and samples, bytes).
 */
export function sessionOfProfiles(set: ProfileSet, file: ImportedFile): Session {
  if (set.session) return set.session;
  const cpu = set.cpu ? cpuWindow(set.cpu, file.createdAt, set.cpuProfile) : null;
  // Allocation files carry no times: their windows span the CPU window when there is one.
  const endTime = cpu?.meta.endTime ?? file.createdAt;
  const alloc = (model: ProfileModel, includesCollected: boolean): AllocProfileWindow =>
    allocWindow(model, includesCollected, file.createdAt, endTime);
  return {
    sources: [],
    header: importedHeader(file, cpu !== null, set.allocated !== null || set.alive !== null),
    snapshots: [],
    marks: [],
    events: [],
    cpuProfiles: cpu ? [cpu] : [],
    allocProfiles: [
      ...(set.allocated ? [alloc(set.allocated, true)] : []),
      ...(set.alive ? [alloc(set.alive, false)] : []),
    ],
    end: null,
    truncated: false,
    warnings: [...(set.warnings ?? [])],
  };
}

/** True for a session made by {@link sessionOfProfiles} from a profile file (not a recording). */
export function isImportedSession(session: Session): boolean {
  return session.header.target.attachedBy === 'file';
}

function importedHeader(file: ImportedFile, cpu: boolean, heap: boolean): HeaderRecord {
  return {
    type: 'header',
    schema: SESSION_SCHEMA,
    hyperscope: IMPORTED_WRITER,
    createdAt: file.createdAt,
    target: { pid: 0, nodeVersion: '', argv: [file.name], attachedBy: 'file' },
    options: { intervalMs: 0, durationMs: null, cpu, heap, promises: false },
  };
}

/** `raw`: the `.cpuprofile` `model` was built from, kept as it is (writing it again and parsing that took as long as reading it). */
function cpuWindow(
  model: ProfileModel,
  startTime: number,
  raw?: Protocol.Profiler.Profile,
): CpuProfileWindow {
  const profile = raw ?? parseChunks<Protocol.Profiler.Profile>(cpuprofileChunks(model));
  const durationMs = (profile.endTime - profile.startTime) / 1000;
  return {
    meta: windowMeta('cpu-import', 'cpu', startTime, startTime + durationMs, model.samplingInterval),
    profile,
  };
}

function allocWindow(
  model: ProfileModel,
  includesCollected: boolean,
  startTime: number,
  endTime: number,
): AllocProfileWindow {
  const extras = {
    includesCollected,
    ...(model.samplingInterval ? { samplingInterval: model.samplingInterval } : {}),
  };
  const profile = parseChunks<Protocol.HeapProfiler.SamplingHeapProfile>(heapprofileChunks(model, extras));
  const id = includesCollected ? 'alloc-import-allocated' : 'alloc-import-alive';
  return {
    meta: { ...windowMeta(id, 'alloc', startTime, endTime, model.samplingInterval), includesCollected },
    nodes: flattenAllocTree(profile.head),
    samples: profile.samples,
  };
}

/** `samplingInterval` 0 stands for unknown (a folded or speedscope file does not say). */
function windowMeta(
  id: string,
  kind: 'cpu' | 'alloc',
  startTime: number,
  endTime: number,
  samplingInterval: number | undefined,
): ProfileBeginRecord {
  return { type: 'profile-begin', id, kind, startTime, endTime, samplingInterval: samplingInterval ?? 0 };
}

// The exporters write JSON in chunks so that files stay bounded; here the whole profile is wanted as data.
function parseChunks<T>(chunks: Iterable<string>): T {
  return JSON.parse([...chunks].join('')) as T;
}
