/**
 * Where the numbers of a heap snapshot's `nodes`, `edges` and `locations` arrays go, field by field, as
 * the reader scans them (`snapshot-reader.ts`): straight into the graph's typed arrays, noting which
 * strings name something so that only those are kept when `strings` comes, last.
 */
import { isNamedEdgeType, STRING_NODE_TYPES, type HeapGraph, type HeapLocation } from './heap-graph';

/** A growing bit set of string indices. */
export class WantedStrings {
  private bits = new Uint8Array(1024);

  add(index: number): void {
    if (index >= this.bits.length * 8) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (index >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[index >> 3]! |= 1 << (index & 7);
  }

  has(index: number): boolean {
    return index < this.bits.length * 8 && (this.bits[index >> 3]! & (1 << (index & 7))) !== 0;
  }
}

/** Fills the node arrays; `edge_count`s become `firstEdge` offsets. */
export function nodeSink(
  graph: HeapGraph,
  fields: readonly string[],
  wanted: WantedStrings,
): (value: number) => void {
  const [type, name, id, selfSize, edgeCount] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) =>
    fields.indexOf(f),
  );
  const stringTypes = new Set(STRING_NODE_TYPES.map((typeName) => graph.types.node.get(typeName)));
  let field = 0;
  let node = 0;
  return (value) => {
    if (field === type) graph.nodeType[node] = value;
    else if (field === name) {
      graph.nodeName[node] = value;
      if (!stringTypes.has(graph.nodeType[node])) wanted.add(value);
    } else if (field === id) graph.nodeId[node] = value;
    else if (field === selfSize) graph.nodeSelfSize[node] = value;
    else if (field === edgeCount) graph.firstEdge[node + 1] = graph.firstEdge[node]! + value;
    if (++field === fields.length) {
      field = 0;
      node++;
    }
  };
}

/** Fills the edge arrays; `to_node` (an offset into `nodes`) becomes a node index. */
export function edgeSink(
  graph: HeapGraph,
  fields: readonly string[],
  nodeFields: number,
  wanted: WantedStrings,
): (value: number) => void {
  const [type, name, to] = ['type', 'name_or_index', 'to_node'].map((f) => fields.indexOf(f));
  const named = graph.types.edgeNames.map(isNamedEdgeType);
  let field = 0;
  let edge = 0;
  return (value) => {
    if (field === type) graph.edgeType[edge] = value;
    else if (field === name) {
      graph.edgeName[edge] = value;
      if (named[graph.edgeType[edge]!]) wanted.add(value);
    } else if (field === to) graph.edgeTo[edge] = value / nodeFields;
    if (++field === fields.length) {
      field = 0;
      edge++;
    }
  };
}

/** Closures' code locations, by node index. */
export function locationSink(
  locations: Map<number, HeapLocation>,
  given: readonly string[] | undefined,
  nodeFields: number,
): (value: number) => void {
  const fields = given ?? ['object_index', 'script_id', 'line', 'column'];
  const [objectIndex, scriptId, line, column] = ['object_index', 'script_id', 'line', 'column'].map((f) =>
    fields.indexOf(f),
  );
  const row: number[] = [];
  return (value) => {
    row.push(value);
    if (row.length < fields.length) return;
    locations.set(row[objectIndex!]! / nodeFields, {
      scriptId: row[scriptId!] ?? 0,
      line: row[line!] ?? 0,
      column: row[column!] ?? 0,
    });
    row.length = 0;
  };
}
