/**
 * One retainer per object: the first one a breadth-first walk from the roots reaches it through, so
 * each object's chain of retainers is a shortest path from a root. The walk starts from the global
 * objects (what the service's code can reach) and only then from V8's other roots (handles, the stack,
 * compilation caches), as DevTools' distances do, so a path reads through `global`, a module or a
 * closure where one exists rather than through an engine-internal root. Weak edges hold nothing and
 * are not followed.
 */
import type { HeapGraph } from './heap-graph';

/** No retainer: the root, or an object no root reaches through strong edges. */
export const NO_RETAINER = 0xffffffff;

export interface RetainerTree {
  /** Per node: the node that retains it on its shortest path, or NO_RETAINER. */
  retainer: Uint32Array;
  /** Per node: the edge (of `retainer[node]`) it is retained through. */
  retainerEdge: Uint32Array;
  /** Nodes in the order the walk reached them: every node's retainer comes before it. */
  order: Uint32Array;
  /** How many entries of `order` are filled (nodes reached). */
  reached: number;
}

/** The synthetic root of every V8 snapshot. */
const ROOT = 0;

export function buildRetainerTree(graph: HeapGraph): RetainerTree {
  const { nodeCount, firstEdge, edgeTo, edgeType } = graph;
  const weak = graph.types.edge.get('weak') ?? -1;
  const synthetic = graph.types.node.get('synthetic') ?? -1;
  const retainer = new Uint32Array(nodeCount).fill(NO_RETAINER);
  const retainerEdge = new Uint32Array(nodeCount).fill(NO_RETAINER);
  const order = new Uint32Array(nodeCount);
  let head = 0;
  let tail = 0;
  const reach = (node: number, from: number, edge: number): void => {
    if (node === ROOT || retainer[node] !== NO_RETAINER) return;
    retainer[node] = from;
    retainerEdge[node] = edge;
    order[tail++] = node;
  };
  const walk = (): void => {
    while (head < tail) {
      const node = order[head++]!;
      for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++)
        if (edgeType[edge] !== weak) reach(edgeTo[edge]!, node, edge);
    }
  };
  // The root's edges to objects that are not synthetic are to the global objects: the user roots.
  for (let pass = 0; pass < 2; pass++) {
    for (let edge = firstEdge[ROOT]!; edge < firstEdge[ROOT + 1]!; edge++) {
      const isUserRoot = graph.nodeType[edgeTo[edge]!] !== synthetic;
      if (isUserRoot === (pass === 0) && edgeType[edge] !== weak) reach(edgeTo[edge]!, ROOT, edge);
    }
    walk();
  }
  return { retainer, retainerEdge, order, reached: tail };
}
