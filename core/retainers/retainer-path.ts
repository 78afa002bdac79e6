/**
 * A holder's chain of retainers as a path a person can act on: from the root side to the holder, each
 * step the way the code names it (a property, a variable in a function's scope, an array index), with
 * the engine's storage between them (property arrays, hash tables, contexts) left out.
 * `global → process → mainModule → … → renderInvoice (alloc.js:2) → invoiceCache: Map`.
 */
import { closureSource, type SourcePosition } from './closure-source';
import { edgeLabelOf, nodeNameOf, nodeTypeOf, STORAGE_NODE_TYPES, type HeapGraph } from './heap-graph';
import { NO_RETAINER, type RetainerTree } from './retainer-tree';

/** One step of a retainer path. */
export interface RetainerStep {
  /** How the step's object is reached: 'property', 'variable' (in a closure's scope), 'element', 'root'. */
  via: 'property' | 'variable' | 'element' | 'root';
  /** The property or variable name, or the element index; the root's name for 'root'. */
  name: string;
  /** What the object is: a constructor (`Map`), `function flushPending`, `(array)`. */
  holds: string;
  /** For functions: where their code is. */
  source?: SourcePosition;
}

/** Storage the engine keeps between the objects the code names. */
const STORAGE_TYPES = new Set(STORAGE_NODE_TYPES);

/** What `node` is, as a step names it. */
export function describeNode(graph: HeapGraph, node: number): Pick<RetainerStep, 'holds' | 'source'> {
  const type = nodeTypeOf(graph, node);
  const name = nodeNameOf(graph, node);
  if (type === 'closure') {
    const source = closureSource(graph, node);
    return { holds: `function ${name || '(anonymous)'}`, ...(source ? { source } : {}) };
  }
  // V8 names the global object `global / ` (Node 20–24) or `global (global*) / ` (Node 26).
  if (type === 'object' && /^global\b.*\/\s*$/.test(name)) return { holds: 'global' };
  if (type === 'object' || type === 'native') return { holds: name || 'Object' };
  return { holds: `(${type})` };
}

/**
 * Objects a user knows where to find: a path is shown from the last of them (the module that exports
 * it, the timer whose callback holds it), and what comes before (how Node reaches its modules and
 * timers) is left out.
 */
const LANDMARKS = new Set(['Module', 'Timeout', 'Immediate']);

/**
 * The path from the roots to `node`, from its last landmark (see LANDMARKS) when it has one, and at most
 * `maxSteps` steps, the ones nearest the node. `truncated` says whether steps before it were left out.
 */
export function shownRetainerPath(
  graph: HeapGraph,
  tree: RetainerTree,
  node: number,
  maxSteps = 8,
): { steps: RetainerStep[]; truncated: boolean } {
  const steps = retainerPath(graph, tree, node);
  let from = 0;
  for (let at = 0; at < steps.length - 1; at++) if (LANDMARKS.has(steps[at]!.holds)) from = at;
  // The function whose scope holds the landmark says which file to open.
  if (from > 0 && steps[from - 1]!.source) from--;
  from = Math.max(from, steps.length - maxSteps);
  return { steps: steps.slice(from), truncated: from > 0 };
}

/** The whole path from the roots to `node`, nearest the root first. */
export function retainerPath(graph: HeapGraph, tree: RetainerTree, node: number): RetainerStep[] {
  const steps: RetainerStep[] = [];
  const edgeNames = graph.types.edgeNames;
  const synthetic = graph.types.node.get('synthetic');
  for (let at = node; at !== NO_RETAINER && at !== 0; at = tree.retainer[at]!) {
    const edge = tree.retainerEdge[at]!;
    const from = tree.retainer[at]!;
    const edgeType = edgeNames[graph.edgeType[edge]!];
    const type = nodeTypeOf(graph, at);
    const isStorage =
      at !== node &&
      (STORAGE_TYPES.has(type) || nodeNameOf(graph, at).startsWith('system / ')) &&
      (edgeType === 'internal' || edgeType === 'hidden' || edgeType === 'element');
    if (from === 0 || graph.nodeType[from] === synthetic) {
      steps.push({ via: 'root', name: nodeNameOf(graph, from) || '(root)', ...describeNode(graph, at) });
      break;
    }
    if (isStorage) continue;
    const via = edgeType === 'context' ? 'variable' : edgeType === 'element' ? 'element' : 'property';
    const name = via === 'element' ? String(graph.edgeName[edge]) : edgeLabelOf(graph, edge);
    steps.push({ via, name, ...describeNode(graph, at) });
  }
  steps.reverse();
  // V8 14 (Node 26) reaches the global object through a hidden root object: the global is the root.
  if (steps[0]?.via === 'root' && steps[0].holds === '(hidden)' && steps[1]?.holds === 'global')
    steps.splice(0, 2, { via: 'root', name: '', holds: 'global' });
  return steps;
}

/** One line: `global → .process → … → renderInvoice (alloc.js:2) → invoiceCache: Map`. */
export function formatRetainerPath(steps: readonly RetainerStep[], truncated = false): string {
  const parts = steps.map((step) => {
    const where = step.source ? ` (${shortUrl(step.source.url)}:${step.source.line})` : '';
    // A root other than the global object is named: `(Global handles) → Array`.
    if (step.via === 'root')
      return step.name && step.name !== '(root)'
        ? `${step.name} → ${step.holds}${where}`
        : `${step.holds}${where}`;
    if (!step.name) return `${step.holds}${where}`;
    const name = step.via === 'element' ? `[${step.name}]` : step.name;
    return `${name}: ${step.holds}${where}`;
  });
  return (truncated ? '… → ' : '') + parts.join(' → ');
}

/** The file name and its directory: enough to find it, short enough for a line. */
export function shortUrl(url: string): string {
  const parts = url.replace(/^file:\/\//, '').split('/');
  return parts.slice(-2).join('/');
}
