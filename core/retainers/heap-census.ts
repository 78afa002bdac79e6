/**
 * What one snapshot holds, by kind (an object's constructor, or a type such as `(string)`), and the ids
 * of its objects: all that is kept of the first snapshot of a recording to compare the last one with.
 */
import { nodeNameOf, STRING_NODE_TYPES, type HeapGraph } from './heap-graph';

/** Objects of one kind in a snapshot. */
export interface KindTotal {
  count: number;
  /** Their own sizes summed, bytes. */
  bytes: number;
}

export interface HeapCensus {
  /** By kind: a constructor name (`Map`, `Invoice`) or a type in parentheses (`(string)`, `(closure)`). */
  kinds: Map<string, KindTotal>;
  /** Every object's id, ascending. */
  ids: Uint32Array;
  /** All objects' own sizes summed, bytes. */
  totalBytes: number;
}

/** Types V8 gives engine-internal objects: grouped as `(system)`, never a constructor. */
const SYSTEM_TYPES = new Set(['hidden', 'code', 'object shape', 'synthetic']);
const NAMED_TYPES = new Set(['object', 'native']);
const STRING_TYPES = new Set(STRING_NODE_TYPES);

/**
 * Types of objects the service's code made (or that store them, as a Map's table): the growth a user
 * can act on. Compiled code, hidden classes and Node's C++ objects are the engine's.
 */
const CODE_MADE_TYPES = new Set([
  'object',
  'array',
  'closure',
  'regexp',
  'number',
  'symbol',
  'bigint',
  ...STRING_TYPES,
]);

/** True for objects the service's code made (see CODE_MADE_TYPES), not V8's or Node's own. */
export function isCodeMade(graph: HeapGraph, node: number): boolean {
  const type = graph.types.nodeNames[graph.nodeType[node]!] ?? '';
  return CODE_MADE_TYPES.has(type) && !(type === 'object' && nodeNameOf(graph, node).startsWith('system / '));
}

/** The kind `node` is counted under. */
export function kindOf(graph: HeapGraph, node: number): string {
  const type = graph.types.nodeNames[graph.nodeType[node]!] ?? '';
  if (NAMED_TYPES.has(type)) {
    const name = nodeNameOf(graph, node);
    // V8 names some internal objects "system / Context" and the like, with the object type.
    return name.startsWith('system / ') ? '(system)' : name || '(object)';
  }
  if (type === 'array') return '(array)';
  // Flat, concatenated and sliced strings are all strings to the code that made them.
  if (STRING_TYPES.has(type)) return '(string)';
  return SYSTEM_TYPES.has(type) ? '(system)' : `(${type})`;
}

export function censusOf(graph: HeapGraph): HeapCensus {
  const kinds = new Map<string, KindTotal>();
  let totalBytes = 0;
  for (let node = 1; node < graph.nodeCount; node++) {
    const bytes = graph.nodeSelfSize[node]!;
    totalBytes += bytes;
    const kind = kindOf(graph, node);
    const total = kinds.get(kind);
    if (total) {
      total.count++;
      total.bytes += bytes;
    } else kinds.set(kind, { count: 1, bytes });
  }
  const ids = graph.nodeId.slice().sort();
  return { kinds, ids, totalBytes };
}

/** True when `id` is in `ids` (ascending). */
export function hasId(ids: Uint32Array, id: number): boolean {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = ids[middle]!;
    if (value === id) return true;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
