/** Mutations of a real session file for fuzzing readers: cuts, bit flips, and values of the wrong type. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';

/** A short real recording (header, snapshots, one CPU and one allocation profile, end). */
export const FIXTURE_TEXT = readFileSync(new URL('../fixtures/short.hyperscope', import.meta.url), 'utf8');
/**
 * Real snapshots whose extension sections are full (TLS hosts and pending handshakes, promise chain
 * groups, undici pools), taken from three demo recordings and laid end to end under one header.
 */
export const EXTENSIONS_FIXTURE_TEXT = readFileSync(
  new URL('../fixtures/extensions.hyperscope', import.meta.url),
  'utf8',
);
export const FIXTURE_BYTES = Buffer.from(FIXTURE_TEXT);
/** The records of a session text, one per line. */
export const recordsOf = (text: string): unknown[] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
const RECORDS = recordsOf(FIXTURE_TEXT);

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

/** Anything JSON can hold, including the awkward: huge numbers, NaN-free floats, deep-ish nesting. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, 0, 1e308, -0, '', '__proto__', [], {}, true),
);

/** A mutation: the session text, and where the value was replaced (record index and path). */
export interface WrongTyped {
  text: string;
  /** The record and the dotted path inside it (`record 2 at snapshot.extensions.tls.hosts.0.side`). */
  where: string;
}

/** `records` with one value at one of the paths that `keep` selects replaced by a value of any type. */
function wrongTypedIn(
  records: unknown[],
  keep: (path: (string | number)[]) => boolean = () => true,
): fc.Arbitrary<WrongTyped> {
  const targets = records.flatMap((record, index) =>
    pathsOf(record)
      .filter(keep)
      .map((path) => ({ index, path })),
  );
  return fc.tuple(fc.nat(targets.length - 1), wrongValue).map(([pick, replacement]) => {
    const { index, path } = targets[pick]!;
    const mutated = structuredClone(records);
    if (path.length === 0) mutated[index] = replacement;
    else {
      let parent = mutated[index] as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      parent[path.at(-1)!] = replacement;
    }
    return {
      where: `record ${index} at ${path.join('.') || '(whole)'}`,
      text: mutated.map((r) => JSON.stringify(r)).join('\n') + '\n',
    };
  });
}

/** The fixture with one value somewhere in one record replaced by a value of any type. */
export const wrongTyped = wrongTypedIn(RECORDS);

/**
 * The extensions fixture with one value inside a snapshot's `extensions` (the section itself, or
 * anything in it) replaced by a value of any type.
 */
export const wrongTypedExtension = wrongTypedIn(
  recordsOf(EXTENSIONS_FIXTURE_TEXT),
  (path) => path[0] === 'snapshot' && path[1] === 'extensions',
);

/** The fixture with its header's schema replaced by another string. */
export const wrongVersion = fc
  .string({ maxLength: 40 })
  .filter((schema) => schema !== 'hyperscope.session/1')
  .map(
    (schema) =>
      FIXTURE_TEXT.replace('"schema":"hyperscope.session/1"', () => `"schema":${JSON.stringify(schema)}`), // a function: `$'` in it is text
  );
