/**
 * Structural checks of one parsed line of a session file. Cheap (no schema engine on the hot path):
 * they make sure that what the rest of the code reads has the type it expects, and name what is wrong.
 * The full contract is the JSON Schema in docs/session-format.schema.json, checked in tests.
 */
import type { SessionRecord } from './records';
import { SESSION_SCHEMA } from './records';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Fields each record type must carry, and how to check them. */
const REQUIRED: Record<SessionRecord['type'], [string, (value: unknown) => boolean][]> = {
  header: [
    ['schema', (v) => typeof v === 'string'],
    ['createdAt', isNumber],
    ['target', isObject],
    ['options', isObject],
  ],
  snapshot: [['snapshot', (v) => isObject(v) && isNumber(v.time)]],
  mark: [
    ['time', isNumber],
    ['label', (v) => typeof v === 'string'],
  ],
  event: [
    ['time', isNumber],
    ['message', (v) => typeof v === 'string'],
  ],
  'profile-begin': [
    ['id', (v) => typeof v === 'string'],
    ['kind', (v) => v === 'cpu' || v === 'alloc'],
    ['startTime', isNumber],
    ['endTime', isNumber],
  ],
  'profile-cpu-nodes': [
    ['id', (v) => typeof v === 'string'],
    ['nodes', Array.isArray],
  ],
  'profile-alloc-nodes': [
    ['id', (v) => typeof v === 'string'],
    ['nodes', Array.isArray],
  ],
  'profile-cpu-samples': [
    ['id', (v) => typeof v === 'string'],
    ['samples', Array.isArray],
    ['timeDeltas', Array.isArray],
  ],
  'profile-alloc-samples': [
    ['id', (v) => typeof v === 'string'],
    ['samples', Array.isArray],
  ],
  'profile-end': [['id', (v) => typeof v === 'string']],
  end: [
    ['time', isNumber],
    ['reason', (v) => typeof v === 'string'],
  ],
};

/**
 * Returns the record, or a short description of what is wrong with it.
 * Unknown record types are returned as `null`: newer writers may add types, and readers skip them.
 */
export function checkRecord(value: unknown): SessionRecord | null | string {
  if (!isObject(value)) return 'not a JSON object';
  const type = value.type;
  if (typeof type !== 'string') return 'no "type" field';
  const required = REQUIRED[type as SessionRecord['type']];
  if (!required) return null;
  for (const [field, check] of required) {
    if (!check(value[field])) return `"${type}" record has a missing or wrong "${field}"`;
  }
  if (type === 'header' && value.schema !== SESSION_SCHEMA) {
    return `unsupported schema "${String(value.schema)}" (this version reads "${SESSION_SCHEMA}")`;
  }
  return value as unknown as SessionRecord;
}
