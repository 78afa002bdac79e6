/**
 * Requests that keep their socket because their response arrived whole and was never read (a body never
 * consumed): the socket neither goes back to its pool nor closes. A collection finds them by walking a
 * pool's sockets in use, but by then where the request was made is gone. So the request's kind (method
 * and path) is armed: the next request of that kind on that agent has its stack taken (within the stack
 * budget), and once such a request is itself seen unread at two collections, its stack names the code
 * that leaves responses unread. Nothing is armed, and requests cost nothing more, while no response sits
 * unread.
 */
import type { Frame } from '../core/frame';
import { captureStack, dropLeadingNodeFrames, capturedFrames, type CapturedStack } from './stack-frames';
import type { Method } from './method-patch';

/** A request's method and its path without the query. */
interface RequestKind {
  method: string;
  path: string;
}

/** Per agent: the kinds armed until the next collection, and per pool key the request that holds. */
export interface UnreadState {
  armed?: RequestKind[];
  held?: Map<string, { kind: RequestKind; stack: CapturedStack; frames?: Frame[] }>;
}

/** The parts of `http.ClientRequest` and its `IncomingMessage` read here (public or stable since Node 12). */
interface HeldRequest {
  method?: unknown;
  path?: unknown;
  res?: { complete?: unknown; readableEnded?: unknown; readableFlowing?: unknown } | null;
}

/** Sockets walked per collection at most, over every pool (a leak of thousands costs the same). */
const MAX_SOCKETS_SCANNED = 2000;
/** Kinds armed per agent at most; pool keys remembered per agent at most. */
const MAX_ARMED_KINDS = 4;
const MAX_HELD_KEYS = 100;

export class UnreadResponses {
  private stacks = new WeakMap<object, CapturedStack>();
  /** Requests seen unread at an earlier collection. */
  private seen = new WeakSet<object>();
  private scanned = 0;

  /** A collection starts: the scan budget is whole again. */
  beginCollection(): void {
    this.scanned = 0;
  }

  /**
   * Walks pool `key`'s sockets in use: counts those whose response sits unread, and arms the kinds of
   * those whose stack is unknown. Returns how many sit unread.
   */
  scan(state: UnreadState, key: string, sockets: unknown[] | undefined): number {
    if (!sockets) return 0;
    let unread = 0;
    for (const socket of sockets) {
      if (this.scanned++ >= MAX_SOCKETS_SCANNED) break;
      const request = (socket as { _httpMessage?: unknown } | null)?._httpMessage;
      if (!isUnread(request)) continue;
      unread++;
      const stack = this.stacks.get(request);
      const kind = kindOf(request);
      if (this.seen.has(request)) {
        if (stack && kind) remember(state, key, kind, stack);
      } else this.seen.add(request);
      if (stack || !kind || sameKind(state.held?.get(key)?.kind, kind)) continue;
      state.armed ??= [];
      if (state.armed.length < MAX_ARMED_KINDS && !state.armed.some((k) => sameKind(k, kind)))
        state.armed.push(kind);
    }
    return unread;
  }

  /** A request is being added to an armed agent: take its stack when its kind is armed (once a kind). */
  noteIfArmed(state: UnreadState, request: unknown, wrapper: Method, budget: () => boolean): void {
    const armed = state.armed;
    if (!armed || typeof request !== 'object' || request === null) return;
    const { method, path } = request as HeldRequest;
    if (typeof method !== 'string' || typeof path !== 'string') return;
    const index = armed.findIndex((kind) => kind.method === method && isPathOf(path, kind.path));
    if (index < 0 || !budget()) return;
    this.stacks.set(request, captureStack(wrapper));
    armed.splice(index, 1);
    if (armed.length === 0) state.armed = undefined;
  }

  /** Where the request holding pool `key`'s unread response was made (user code first), parsed once. */
  heldBy(state: UnreadState, key: string): Frame[] | undefined {
    const entry = state.held?.get(key);
    if (!entry) return undefined;
    entry.frames ??= dropLeadingNodeFrames(capturedFrames(entry.stack));
    return entry.frames;
  }

  stop(): void {
    this.stacks = new WeakMap();
    this.seen = new WeakSet();
  }
}

/** A response complete but neither ended (read to its end) nor flowing (being read). */
function isUnread(request: unknown): request is HeldRequest & object {
  if (typeof request !== 'object' || request === null) return false;
  const response = (request as HeldRequest).res;
  return (
    typeof response === 'object' &&
    response !== null &&
    response.complete === true &&
    response.readableEnded === false &&
    response.readableFlowing !== true
  );
}

function kindOf(request: HeldRequest): RequestKind | undefined {
  if (typeof request.method !== 'string' || typeof request.path !== 'string') return undefined;
  const query = request.path.indexOf('?');
  return { method: request.method, path: query < 0 ? request.path : request.path.slice(0, query) };
}

/** `path` is `kindPath` or `kindPath?query` (no string is made per request). */
function isPathOf(path: string, kindPath: string): boolean {
  return path.startsWith(kindPath) && (path.length === kindPath.length || path[kindPath.length] === '?');
}

function sameKind(a: RequestKind | undefined, b: RequestKind): boolean {
  return a !== undefined && a.method === b.method && a.path === b.path;
}

function remember(state: UnreadState, key: string, kind: RequestKind, stack: CapturedStack): void {
  state.held ??= new Map();
  if (state.held.get(key)?.stack === stack) return;
  state.held.delete(key);
  // Insertion order is age: past the bound, the key remembered longest ago goes.
  if (state.held.size >= MAX_HELD_KEYS) state.held.delete(state.held.keys().next().value!);
  state.held.set(key, { kind, stack });
}
