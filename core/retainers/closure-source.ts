/**
 * Where a closure's code is, as a user reads it: its script's URL (from the closure's shared function
 * info, whose script object V8 names by URL) and the 1-based line and column of V8's `locations`.
 */
import { edgeLabelOf, nodeNameOf, type HeapGraph } from './heap-graph';

export interface SourcePosition {
  url: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** The node `node` points to through the edge labelled `label` (one of `labels`), if any. */
function follow(graph: HeapGraph, node: number, labels: readonly string[]): number | undefined {
  for (let edge = graph.firstEdge[node]!; edge < graph.firstEdge[node + 1]!; edge++)
    if (labels.includes(edgeLabelOf(graph, edge))) return graph.edgeTo[edge];
  return undefined;
}

/** V8 calls the shared info's script edge `script_or_debug_info` (V8 11+) or `script`. */
const SCRIPT_EDGES = ['script_or_debug_info', 'script'];

export function closureSource(graph: HeapGraph, closure: number): SourcePosition | undefined {
  const location = graph.locations.get(closure);
  if (!location) return undefined;
  const shared = follow(graph, closure, ['shared']);
  const script = shared === undefined ? undefined : follow(graph, shared, SCRIPT_EDGES);
  const url = script === undefined ? '' : nodeNameOf(graph, script);
  return { url, line: location.line + 1, column: location.column + 1 };
}
