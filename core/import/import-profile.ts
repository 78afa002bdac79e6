/**
 * The dispatcher: picks the importer by the content's shape, never by the file name alone, the way
 * speedscope does (`isX(raw)` guards, most specific first).
 */
import { parseFoldedLines } from '../profile/folded';
import { importCpuProfile, isCpuProfile } from './cpuprofile';
import { importHeapProfile, isHeapProfile } from './heapprofile';
import { ImportError } from './import-error';
import { importOldCpuProfile, isOldCpuProfile } from './old-cpuprofile';
import { importPprof, isPprof, type PprofImportOptions } from './pprof';
import { emptyProfileSet, type ProfileSet } from './profile-set';
import { importSpeedscope, isSpeedscope } from './speedscope';

/** A parsed JSON document as a profile set: speedscope, `.cpuprofile` or `.heapprofile`. */
export function importJson(raw: unknown): ProfileSet {
  if (isSpeedscope(raw)) return importSpeedscope(raw);
  if (isCpuProfile(raw)) return importCpuProfile(raw);
  // Before heap profiles: both have a `head` tree, only CPU profiles have start and end times.
  if (isOldCpuProfile(raw)) return importOldCpuProfile(raw);
  if (isHeapProfile(raw)) return importHeapProfile(raw);
  throw new ImportError('JSON, but not a profile Hyperscope knows (speedscope, .cpuprofile, .heapprofile)');
}

/**
 * Folded stacks text (`a;b;c 12` lines) as a CPU-like profile of sample counts. Lines without a value
 * are skipped with a warning, as speedscope does; text with no valid line at all is not folded stacks.
 */
export function importFolded(text: string): ProfileSet {
  const { model, invalidLines } = parseFoldedLines(text);
  if (model.nodes.count === 0 && invalidLines.length > 0)
    throw new ImportError(`text, but not folded stacks (line ${invalidLines[0]}: no value)`);
  const set = { ...emptyProfileSet('folded'), cpu: model };
  if (invalidLines.length === 0) return set;
  const shown = invalidLines.slice(0, 5).join(', ') + (invalidLines.length > 5 ? ', …' : '');
  const lines = invalidLines.length === 1 ? 'line' : 'lines';
  return {
    ...set,
    warnings: [`folded stacks: ${invalidLines.length} ${lines} without a value skipped (${shown})`],
  };
}

/** Uncompressed binary input: a pprof protobuf or nothing Hyperscope knows. */
export function importBinary(bytes: Uint8Array, options: PprofImportOptions = {}): ProfileSet {
  if (isPprof(bytes)) return importPprof(bytes, options);
  throw new ImportError(
    'not a profile Hyperscope knows (session, .cpuprofile, .heapprofile, pprof, speedscope, folded)',
  );
}
