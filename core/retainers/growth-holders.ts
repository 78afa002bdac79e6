/**
 * Where a heap's growth is held. Each object of the last snapshot that the first did not have (a new
 * object) is charged to a holder found by walking up its retainers through the objects the code made
 * (the engine's storage between them, a Map's table or an array's backing store, is looked through):
 * the first that either the first snapshot had (an old object: the growth is under it) or that holds
 * at least {@link MIN_FAN_OUT} new objects directly (a collection: the Map an entry was set in, the
 * array pushed to, the listeners array — old or new, as a cache made after the first snapshot is).
 * Objects whose walk reaches a root first are charged to the topmost of them. Two passes in the walk's
 * order, since every node's retainer comes before it.
 */
import { STORAGE_NODE_TYPES, type HeapGraph } from './heap-graph';
import { isCodeMade, kindOf } from './heap-census';
import { NO_RETAINER, type RetainerTree } from './retainer-tree';

/** New objects held directly (through storage only) that make an object a collection, a holder. */
export const MIN_FAN_OUT = 8;

/** New objects of one kind held through one holder. */
export interface HeldKind {
  kind: string;
  count: number;
  /** Their own sizes summed, bytes. */
  bytes: number;
}

/** An object that holds new objects. */
export interface GrowthHolder {
  /** The holder's node index in the last snapshot. */
  node: number;
  /** New objects held through it, and their own sizes summed, bytes. */
  count: number;
  bytes: number;
  /** The same by kind, most bytes first. */
  kinds: HeldKind[];
}

export interface Growth {
  /** Every new object a root reaches, the engine's included (compared with the growth in count). */
  allNew: number;
  /** New objects in the last snapshot that a root reaches, and their bytes. */
  newCount: number;
  newBytes: number;
  /** Holders, most bytes first. */
  holders: GrowthHolder[];
}

const NONE = 0xffffffff;

/**
 * `excludeScripts`: V8 script ids of code whose objects are not the service's (Hyperscope's agent):
 * whatever is reached through a function of theirs is left out of the growth.
 */
export function growthHolders(
  graph: HeapGraph,
  tree: RetainerTree,
  isOld: (id: number) => boolean,
  maxHolders = 20,
  excludeScripts: ReadonlySet<number> = new Set(),
): Growth {
  const { order, reached } = tree;
  const isNew = new Uint8Array(graph.nodeCount);
  const excluded = excludedNodes(graph, tree, excludeScripts);
  for (let at = 0; at < reached; at++) {
    const node = order[at]!;
    isNew[node] = excluded[node] || isOld(graph.nodeId[node]!) ? 0 : 1;
  }
  const { owner, directOwner } = ownersOf(graph, tree);
  // How many new objects each object holds directly (a string's parts are the string's, not its owner's).
  const direct = new Uint32Array(graph.nodeCount);
  for (let at = 0; at < reached; at++) {
    const node = order[at]!;
    if (isNew[node] && directOwner[node] !== NONE) direct[directOwner[node]!]!++;
  }
  const holderOf = new Uint32Array(graph.nodeCount).fill(NONE);
  const byHolder = new Map<number, { count: number; bytes: number; kinds: Map<string, HeldKind> }>();
  let newCount = 0;
  let newBytes = 0;
  let allNew = 0;
  for (let at = 0; at < reached; at++) {
    const node = order[at]!;
    if (!isNew[node]) continue;
    const up = owner[node]!;
    const holder =
      up === NONE
        ? node
        : !isNew[up] || direct[up]! >= MIN_FAN_OUT || holderOf[up] === NONE
          ? up
          : holderOf[up]!;
    holderOf[node] = holder;
    allNew++;
    if (!isCodeMade(graph, node)) continue;
    const bytes = graph.nodeSelfSize[node]!;
    newCount++;
    newBytes += bytes;
    let held = byHolder.get(holder);
    if (!held) byHolder.set(holder, (held = { count: 0, bytes: 0, kinds: new Map() }));
    held.count++;
    held.bytes += bytes;
    const kind = kindOf(graph, node);
    const ofKind = held.kinds.get(kind);
    if (ofKind) {
      ofKind.count++;
      ofKind.bytes += bytes;
    } else held.kinds.set(kind, { kind, count: 1, bytes });
  }
  const holders = [...byHolder]
    .map(([node, held]) => ({
      node,
      count: held.count,
      bytes: held.bytes,
      kinds: [...held.kinds.values()].sort((a, b) => b.bytes - a.bytes),
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, maxHolders);
  return { allNew, newCount, newBytes, holders };
}

/** Per node, 1 when its retainers pass through a function of one of `scripts`. */
function excludedNodes(graph: HeapGraph, tree: RetainerTree, scripts: ReadonlySet<number>): Uint8Array {
  const excluded = new Uint8Array(graph.nodeCount);
  if (scripts.size === 0) return excluded;
  for (let at = 0; at < tree.reached; at++) {
    const node = tree.order[at]!;
    const up = tree.retainer[node]!;
    const location = graph.locations.get(node);
    excluded[node] =
      (up !== NO_RETAINER && excluded[up]) || (location !== undefined && scripts.has(location.scriptId))
        ? 1
        : 0;
  }
  return excluded;
}

/**
 * Per node, its owner: the nearest retainer that is an object or function the code made (what lies
 * between is looked through); NONE when a root comes first. `directOwner`: the same when only engine
 * storage lies between (a Map's table, an array's backing store, a closure's context), else NONE.
 */
function ownersOf(graph: HeapGraph, tree: RetainerTree): { owner: Uint32Array; directOwner: Uint32Array } {
  const owner = new Uint32Array(graph.nodeCount).fill(NONE);
  const directOwner = new Uint32Array(graph.nodeCount).fill(NONE);
  const objectType = graph.types.node.get('object');
  const closureType = graph.types.node.get('closure');
  const isOwner = (node: number): boolean => {
    const type = graph.nodeType[node];
    return (type === objectType || type === closureType) && isCodeMade(graph, node);
  };
  // The engine's storage, and objects that are not owners (system objects): not strings or numbers,
  // which hold their parts themselves.
  const storageTypes = new Set([...STORAGE_NODE_TYPES, 'object'].map((name) => graph.types.node.get(name)));
  const isStorage = (node: number): boolean => storageTypes.has(graph.nodeType[node]) && !isOwner(node);
  for (let at = 0; at < tree.reached; at++) {
    const node = tree.order[at]!;
    const up = tree.retainer[node]!;
    if (up === NO_RETAINER || up === 0) continue;
    owner[node] = isOwner(up) ? up : owner[up]!;
    directOwner[node] = isOwner(up) ? up : isStorage(up) ? directOwner[up]! : NONE;
  }
  return { owner, directOwner };
}
