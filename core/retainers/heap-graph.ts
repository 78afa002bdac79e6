/**
 * A V8 heap snapshot as compact arrays: what the retainer analysis needs of it and nothing more, so a
 * snapshot of N nodes and E edges costs ~21 bytes a node and ~9 bytes an edge here (a 1 GiB snapshot,
 * ~8 M nodes and ~35 M edges, ~0.5 GiB), not the several objects per node a parsed JSON tree would be.
 * Strings are kept only where they name something (constructors, properties, variables): a string
 * node's contents are not.
 */

/** The node types and edge types a snapshot's `meta` lists, by name: their ids differ by V8 version. */
export interface HeapTypeIds {
  /** Node type ids by name ('object', 'closure', 'string', 'hidden', 'synthetic', …). */
  node: ReadonlyMap<string, number>;
  /** Edge type ids by name ('context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'). */
  edge: ReadonlyMap<string, number>;
  /** Names by id, in `meta` order. */
  nodeNames: readonly string[];
  edgeNames: readonly string[];
}

/** Where a closure's code is: V8's `locations` entry (script id, 0-based line and column). */
export interface HeapLocation {
  scriptId: number;
  line: number;
  column: number;
}

export interface HeapGraph {
  nodeCount: number;
  edgeCount: number;
  types: HeapTypeIds;
  /** Per node (index 0 is the synthetic root): type id. */
  nodeType: Uint8Array;
  /** Per node: index into `strings` (its constructor, function or system name). */
  nodeName: Uint32Array;
  /** Per node: V8's object id, the same for one object in every snapshot of one process. */
  nodeId: Uint32Array;
  /** Per node: the object's own size, bytes. */
  nodeSelfSize: Float64Array;
  /** Per node: its first outgoing edge; node i's edges are firstEdge[i] … firstEdge[i + 1] − 1. */
  firstEdge: Uint32Array;
  /** Per edge: type id. */
  edgeType: Uint8Array;
  /** Per edge: index into `strings` for named edges, the element index for 'element' and 'hidden'. */
  edgeName: Uint32Array;
  /** Per edge: the node index it points to. */
  edgeTo: Uint32Array;
  /** The string table, with `undefined` where only a string node's contents were (not kept). */
  strings: (string | undefined)[];
  /** Closures' code locations, by node index. */
  locations: ReadonlyMap<number, HeapLocation>;
}

/** Node types whose name is the string's contents, not a name: all strings to the code that made them. */
export const STRING_NODE_TYPES: readonly string[] = ['string', 'concatenated string', 'sliced string'];

/** Node types of the engine's storage between the objects code names (tables, backing stores, code). */
export const STORAGE_NODE_TYPES: readonly string[] = ['hidden', 'code', 'object shape', 'array'];

/** True when edges of `type` name their target by a string (not by an index). */
export function isNamedEdgeType(typeName: string | undefined): boolean {
  return typeName !== 'element' && typeName !== 'hidden';
}

/** The name of `node` (its constructor for objects, its name for closures and system objects). */
export function nodeNameOf(graph: HeapGraph, node: number): string {
  return graph.strings[graph.nodeName[node]!] ?? '';
}

/** The type name of `node` ('object', 'closure', 'array', …). */
export function nodeTypeOf(graph: HeapGraph, node: number): string {
  return graph.types.nodeNames[graph.nodeType[node]!] ?? '';
}

/** How `edge` names its target: a property or variable name, or `[index]`. */
export function edgeLabelOf(graph: HeapGraph, edge: number): string {
  const type = graph.types.edgeNames[graph.edgeType[edge]!];
  const name = graph.edgeName[edge]!;
  return isNamedEdgeType(type) ? (graph.strings[name] ?? '') : `[${name}]`;
}
