/**
 * Structural checks of one parsed line of a session file. Cheap (no schema engine on the hot path):
 * they make sure that what the rest of the code reads has the type it expects, and name what is wrong.
 * The full contract is the JSON Schema in docs/session-format.schema.json, checked in tests.
 */
import type { SessionRecord } from './records';
import { SESSION_SCHEMA } from './records';
import { RECORD_SHAPES } from './record-shapes';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Returns the record, or a short description of what is wrong with it.
 * Unknown record types are returned as `null`: newer writers may add types, and readers skip them.
 */
export function checkRecord(value: unknown): SessionRecord | null | string {
  if (!isObject(value)) return 'not a JSON object';
  const type = value.type;
  if (typeof type !== 'string') return 'no "type" field';
  // Own keys only: a "type" of "constructor" or "__proto__" is not a record type.
  if (!Object.hasOwn(RECORD_SHAPES, type)) return null;
  if (type === 'header' && typeof value.schema === 'string' && value.schema !== SESSION_SCHEMA) {
    return `unsupported schema ${quote(value.schema)} (this version reads "${SESSION_SCHEMA}")`;
  }
  const problem = RECORD_SHAPES[type as SessionRecord['type']](value);
  if (problem !== null) return `"${type}" record has a missing or wrong ${quote(problem)}`;
  return value as unknown as SessionRecord;
}

/** Quoted for a one-line message: escapes (no raw newlines or terminal escapes), at most 80 characters. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text).replace(/[\u007f-\u009f]/g, '?');
}
