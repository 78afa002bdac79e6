/** Mutations of a real session file for fuzzing readers: cuts, bit flips, and values of the wrong type. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';

/** A short real recording (header, snapshots, one CPU and one allocation profile, end). */
export const FIXTURE_TEXT = readFileSync(new URL('../fixtures/short.hyperscope', import.meta.url), 'utf8');
export const FIXTURE_BYTES = Buffer.from(FIXTURE_TEXT);
const RECORDS = FIXTURE_TEXT.trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line) as unknown);

/** The fixture cut after `length` bytes (a killed writer, a partial copy). */
export const truncated = fc.nat(FIXTURE_BYTES.length - 1).map((length) => FIXTURE_BYTES.subarray(0, length));

/** The fixture with 1–16 bits flipped at random places. */
export const bitFlipped = fc
  .array(fc.tuple(fc.nat(FIXTURE_BYTES.length - 1), fc.nat(7)), { minLength: 1, maxLength: 16 })
  .map((flips) => {
    const bytes = Buffer.from(FIXTURE_BYTES);
    for (const [at, bit] of flips) bytes[at]! ^= 1 << bit;
    return bytes;
  });

/** Every path to a value inside `value` (object keys and array indexes), arrays sampled to stay small. */
function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (out.length > 5000 || typeof value !== 'object' || value === null) return out;
  const keys = Array.isArray(value)
    ? [...value.keys()].filter((i) => i < 3 || i === value.length - 1)
    : Object.keys(value);
  for (const key of keys) pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key], out);
  return out;
}
const PATHS = RECORDS.map((record) => pathsOf(record));

/** Anything JSON can hold, including the awkward: huge numbers, NaN-free floats, deep-ish nesting. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, 0, 1e308, -0, '', '__proto__', [], {}, true),
);

/** The fixture with one value somewhere in one record replaced by a value of any type. */
export const wrongTyped = fc
  .tuple(fc.nat(RECORDS.length - 1), fc.nat(), wrongValue)
  .map(([recordIndex, pathPick, replacement]) => {
    const records = structuredClone(RECORDS);
    const paths = PATHS[recordIndex]!;
    const path = paths[pathPick % paths.length]!;
    if (path.length === 0) records[recordIndex] = replacement;
    else {
      let parent = records[recordIndex] as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      parent[path.at(-1)!] = replacement;
    }
    return {
      path: path.join('.'),
      where: `record ${recordIndex} at ${path.join('.') || '(whole)'}`,
      text: records.map((r) => JSON.stringify(r)).join('\n') + '\n',
    };
  });

/** The fixture with its header's schema replaced by another string. */
export const wrongVersion = fc
  .string({ maxLength: 40 })
  .filter((schema) => schema !== 'hyperscope.session/1')
  .map(
    (schema) =>
      FIXTURE_TEXT.replace('"schema":"hyperscope.session/1"', () => `"schema":${JSON.stringify(schema)}`), // a function: `$'` in it is text
  );
