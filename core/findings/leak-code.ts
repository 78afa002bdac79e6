/**
 * The code behind a client peer's leaking sockets, from the stacks the agent keeps on the pools that serve
 * it: requests whose responses sit unread (`heldBy`: the sockets they keep are the leak), where the pool
 * was made (`createdAt`, pools made after attach) and requests that opened new sockets (`openedFrom`),
 * of http.Agent pools and of undici's (fetch).
 */
import type { AgentSnapshot, PoolOrigin } from '../agent-protocol';
import type { Frame } from '../frame';
import { readUndiciSection } from '../network/undici-section';
import { displayUrl } from '../profile/data-url-module';
import type { Session } from '../session/session';
import type { GrowingPeer } from './growing-peers';

/** What each stack says of the leak, in the evidence's values and in the summary. */
export const LEAK_ROLES = {
  heldBy: 'responses left unread by',
  createdBy: 'pool made by',
  openedBy: 'new sockets opened by',
} as const;

export type LeakStack = keyof typeof LEAK_ROLES;

export interface LeakCode {
  /** The stack cited in the finding. */
  cited: LeakStack;
  /** Its frames, innermost first. */
  frames: Frame[];
  /** The frame among them that names the code: the first one not shared with the pool's other requests. */
  named: Frame;
  /** The function each stack the pool has names (frames of stacks not cited are not remapped: no places). */
  values: Partial<Record<LeakStack, string>>;
}

/** The code behind the fastest-growing client peer's sockets; undefined when no pool of it has a stack. */
export function leakCodeFor(session: Session, peers: GrowingPeer[]): LeakCode | undefined {
  const client = peers.find((peer) => peer.side === 'client');
  if (!client) return undefined;
  const pools = session.snapshots.flatMap((s) =>
    [...s.pools, ...undiciPoolsOf(s)].filter((pool) => pool.origin === client.peer),
  );
  const latest = (field: 'heldBy' | 'openedFrom'): Frame[] | undefined =>
    pools.findLast((pool) => nonEmpty(pool[field]))?.[field];
  const others = distinctStacks(pools);
  const heldBy = latest('heldBy');
  if (heldBy) others.unshift(heldBy);
  const stacks: Partial<Record<LeakStack, { frames: Frame[]; named: Frame }>> = {};
  const add = (key: LeakStack, frames: Frame[] | undefined, compared: Frame[][]): void => {
    if (frames) stacks[key] = { frames, named: namedFrame(frames, compared) };
  };
  add('heldBy', heldBy, others);
  add('createdBy', busiestMaker(session.snapshots.at(-1), client.peer), []);
  add('openedBy', latest('openedFrom'), others);
  // Unread responses are the leak itself; a pool made after attach is where its fix goes (an idle timeout,
  // one agent instead of many); an opener is only the request that found no idle socket.
  const cited = (['heldBy', 'createdBy', 'openedBy'] as const).find((key) => stacks[key]);
  if (!cited) return undefined;
  const values: LeakCode['values'] = {};
  for (const [key, stack] of Object.entries(stacks)) values[key as LeakStack] = frameName(stack.named);
  return { cited, frames: [...stacks[cited]!.frames], named: stacks[cited]!.named, values };
}

/**
 * A snapshot's undici pools. Their `createdAt` is where the dispatcher first dispatched, not where it was
 * made (fetch's global Agent is made inside undici): a request, so it counts as one that opened a socket.
 */
function undiciPoolsOf(snapshot: AgentSnapshot): PoolOrigin[] {
  return (readUndiciSection(snapshot)?.pools ?? []).map(({ createdAt, ...pool }) => {
    const openedFrom = pool.openedFrom ?? createdAt;
    return openedFrom ? { ...pool, openedFrom } : pool;
  });
}

/**
 * Where the http.Agent pools holding most of the peer's sockets at the end were made: pools are grouped
 * by their creation stack, and the group with the most sockets open (in use or idle) wins. Leaking agents
 * made per call are many pools of one stack; a long-lived pool made at start-up to the same peer is one.
 * (An undici pool's `createdAt` is a first dispatch, counted as an opener: `undiciPoolsOf`.)
 */
function busiestMaker(last: AgentSnapshot | undefined, peer: string): Frame[] | undefined {
  const sockets = new Map<string, { stack: Frame[]; open: number }>();
  for (const pool of last?.pools ?? []) {
    if (pool.origin !== peer || !nonEmpty(pool.createdAt)) continue;
    const key = JSON.stringify(pool.createdAt);
    const group = sockets.get(key) ?? { stack: pool.createdAt, open: 0 };
    group.open += pool.inUse + pool.idle;
    sockets.set(key, group);
  }
  let busiest: { stack: Frame[]; open: number } | undefined;
  for (const group of sockets.values()) if (!busiest || group.open > busiest.open) busiest = group;
  return busiest?.stack;
}

function frameName(frame: Frame): string {
  return frame.functionName || '(anonymous)';
}

/** `fn (file:line)` (the report moves it with the frame to its source-mapped place). */
export function describeCode(frame: Frame): string {
  const file = displayUrl(frame.url).split('/').pop() ?? '';
  return `${frameName(frame)} (${file}:${frame.line})`;
}

/**
 * The frame that names the code of `stack`: helpers that every request of the pool goes through (a
 * `sendRequest` wrapper) sit innermost, so skip the frames it shares, innermost first, with any other
 * stack of the pool. Without another stack: the first frame outside Node and node_modules.
 */
export function namedFrame(stack: Frame[], others: Frame[][]): Frame {
  let shared = 0;
  for (const other of others) {
    if (sameStack(other, stack)) continue;
    let common = 0;
    while (common < stack.length && common < other.length && sameFrame(stack[common]!, other[common]!))
      common++;
    shared = Math.max(shared, common);
  }
  const own = stack.slice(shared < stack.length ? shared : 0);
  return own.find(isAppFrame) ?? own.find((frame) => !frame.url.startsWith('node:')) ?? stack[0]!;
}

function distinctStacks(pools: PoolOrigin[]): Frame[][] {
  const stacks: Frame[][] = [];
  for (const pool of pools)
    // heldBy but the latest (given apart): the same leaking call may differ deep in its async callers.
    for (const stack of [pool.openedFrom, pool.queuedFrom])
      if (nonEmpty(stack) && !stacks.some((known) => sameStack(known, stack))) stacks.push(stack);
  return stacks;
}

function isAppFrame(frame: Frame): boolean {
  return frame.url !== '' && !frame.url.startsWith('node:') && !frame.url.includes('/node_modules/');
}

function nonEmpty(frames: Frame[] | undefined): frames is Frame[] {
  return frames !== undefined && frames.length > 0;
}

function sameFrame(a: Frame, b: Frame): boolean {
  return a.url === b.url && a.line === b.line && a.column === b.column && a.functionName === b.functionName;
}

function sameStack(a: Frame[], b: Frame[]): boolean {
  return a.length === b.length && a.every((frame, i) => sameFrame(frame, b[i]!));
}
