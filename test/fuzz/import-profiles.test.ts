// Fuzzing the profile importers (cpuprofile, heapprofile, speedscope, pprof) with hostile inputs made
// from real exports of a recorded session: the only acceptable outcomes are a profile set or one
// ImportError; and an accepted profile must export again without crashing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportProfile } from '../../core/export/export-profile';
import { profileSetOfSession } from '../../core/import/from-session';
import { ImportError } from '../../core/import/import-error';
import { importBinary, importJson } from '../../core/import/import-profile';
import type { ProfileKind, ProfileSet } from '../../core/import/profile-set';
import { kindsIn } from '../../core/import/profile-set';
import { parseSessionText } from '../../core/session/session-assembler';
import { FIXTURE_TEXT } from './support/session-mutations';

export const RUNS = { jsonWrongTyped: 300, jsonGarbage: 200, pprofMutated: 400 };

const set = profileSetOfSession(parseSessionText(FIXTURE_TEXT));
const text = (format: 'cpuprofile' | 'heapprofile' | 'speedscope', kind: ProfileKind): unknown =>
  JSON.parse([...exportProfile(set, format, kind, 'fixture').chunks].join(''));
const JSON_INPUTS = [text('cpuprofile', 'cpu'), text('heapprofile', 'alloc'), text('speedscope', 'cpu')];
const PPROF = Buffer.concat(
  [...exportProfile(set, 'pprof', 'cpu', 'fixture').chunks].map((chunk) => Buffer.from(chunk as Uint8Array)),
);

/** Imports, then exports every kind found; anything but an ImportError fails with a short message. */
function importThenExport(load: () => ProfileSet, where: string): void {
  let imported: ProfileSet;
  try {
    imported = load();
  } catch (error) {
    if (error instanceof ImportError) {
      expect(error.message).not.toContain('\n');
      return;
    }
    throw new Error(`importer crashed (${where}): ${String(error)} ${firstFrame(error)}`);
  }
  try {
    // Draining the chunks is the export; what they hold does not matter here.
    for (const kind of kindsIn(imported))
      for (const _chunk of exportProfile(imported, 'folded', kind, 'again').chunks);
  } catch (error) {
    throw new Error(`export of an accepted import crashed (${where}): ${String(error)} ${firstFrame(error)}`);
  }
}

const firstFrame = (error: unknown): string =>
  ((error as Error).stack ?? '')
    .split('\n')
    .find((line) => line.includes('/core/'))
    ?.trim() ?? '';

/** Every path inside `value`, arrays sampled (first 2 and last element). */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (out.length > 3000 || typeof value !== 'object' || value === null) return out;
  const keys = Array.isArray(value)
    ? [...value.keys()].filter((i) => i < 2 || i === value.length - 1).map(String)
    : Object.keys(value);
  for (const key of keys) pathsOf((value as Record<string, unknown>)[key], [...prefix, key], out);
  return out;
}
const PATHS = JSON_INPUTS.map((input) => pathsOf(input));

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, -1, 0, 1e308, 2 ** 53, '', '__proto__', [], {}, true),
);

describe('profile importers under hostile input', () => {
  it('the real exports import back', () => {
    for (const input of JSON_INPUTS) expect(kindsIn(importJson(input)).length).toBeGreaterThan(0);
    expect(kindsIn(importBinary(PPROF))).toContain('cpu');
  });

  it.each([
    ['cpuprofile', 0],
    ['heapprofile', 1],
    ['speedscope', 2],
  ])('%s with one value of the wrong type anywhere', (_format, which) => {
    const paths = PATHS[which]!;
    fc.assert(
      fc.property(fc.nat(), replacement, (pick, value) => {
        const input = structuredClone(JSON_INPUTS[which]) as Record<string, unknown>;
        const path = paths[pick % paths.length]!;
        if (path.length === 0) return importThenExport(() => importJson(value), 'whole document');
        let parent = input;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
        parent[path.at(-1)!] = value;
        const where = `at ${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`;
        importThenExport(() => importJson(input), where);
      }),
      { numRuns: RUNS.jsonWrongTyped },
    );
  });

  it('any JSON value at all', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) =>
        importThenExport(() => importJson(value), 'random JSON'),
      ),
      { numRuns: RUNS.jsonGarbage },
    );
  });

  it('pprof truncated or bit-flipped', () => {
    const mutated = fc.oneof(
      fc.nat(PPROF.length - 1).map((n) => PPROF.subarray(0, n)),
      fc.array(fc.tuple(fc.nat(PPROF.length - 1), fc.nat(7)), { minLength: 1, maxLength: 8 }).map((flips) => {
        const bytes = Buffer.from(PPROF);
        for (const [at, bit] of flips) bytes[at]! ^= 1 << bit;
        return bytes;
      }),
    );
    fc.assert(
      fc.property(mutated, (bytes) =>
        importThenExport(() => importBinary(bytes), `pprof of ${bytes.length} bytes`),
      ),
      { numRuns: RUNS.pprofMutated },
    );
  });
});
