/**
 * Which promises wait on a reply over `postMessage`. The usual shape —
 * `new Promise((resolve) => { pending.set(id, resolve); worker.postMessage({ id, … }) })`, resolved later
 * from `worker.on('message')` — leaves nothing for resource attribution to see: posting creates no async
 * resource, and the reply's callback runs only when the promise settles. The link is made where the
 * message is sent: the root whose executor posts to a `Worker`, `MessagePort` or `BroadcastChannel` (or
 * makes a `Worker`) waits on it (see `observeMessageTargets`).
 */
import type { WaitReason } from '../../core/chains/promise-section';
import { workerThreadDetail } from '../../core/chains/worker-wait';
import type { MessageTargetKind } from '../worker-threads/message-targets';
import type { WorkerNames } from '../worker-threads/worker-names';
import { SlotLinks } from './slot-links';
import { NO_SLOT, type SlotStore } from './slot-store';

interface WorkerLink {
  kind: MessageTargetKind;
  target: object;
  /** The worker's threadId when the message was sent (-1: it had exited already). */
  threadId: number;
}

const MAX_LINKS = 8192;

export class WorkerWaits {
  private readonly links: SlotLinks<WorkerLink>;

  constructor(
    store: SlotStore,
    /** The root whose executor runs now, or NO_SLOT (see `PromiseTracker.executingRoot`). */
    private readonly executingRoot: () => number,
    private readonly names: WorkerNames,
  ) {
    this.links = new SlotLinks(store, MAX_LINKS);
  }

  /** A message sent, or a Worker made, by the target's code (from `observeMessageTargets`). */
  readonly onMessageTarget = (kind: MessageTargetKind, target: object): void => {
    const slot = this.executingRoot();
    if (slot === NO_SLOT) return;
    // `Worker#postMessage` and `BroadcastChannel#postMessage` go on through a port of their own: the
    // worker or channel, seen first, says more than that port.
    if (kind === 'port' && this.links.get(slot)) return;
    if (!this.links.hasRoom(1)) return;
    const threadId = kind === 'worker' ? threadIdOf(target) : -1;
    if (threadId >= 0) this.names.want(threadId);
    this.links.set(slot, { kind, target, threadId });
  };

  /** What the link in `slot` waits on, if it sent a message; read at snapshot time. */
  reasonOf(slot: number): WaitReason | undefined {
    // Asked for every chain at each snapshot: a service that sends no messages pays one size check.
    if (this.links.size === 0) return undefined;
    const link = this.links.get(slot);
    return link && { kind: 'worker', detail: this.detailOf(link) };
  }

  /** Forgets the links of promises no longer pending (at each snapshot). */
  prune(): void {
    this.links.prune();
  }

  private detailOf(link: WorkerLink): string {
    if (link.kind === 'port') return 'MessagePort';
    if (link.kind === 'channel') return `BroadcastChannel ${channelName(link.target)}`;
    const known = this.names.of(link.threadId);
    return workerThreadDetail({
      threadId: link.threadId,
      script: known?.script,
      name: known?.name,
      // A Worker's threadId reads -1 once its thread has ended.
      exited: link.threadId < 0 || threadIdOf(link.target) !== link.threadId,
    });
  }
}

/** A Worker's `threadId` (a getter that reads -1 once it exited); -1 if it cannot be read. */
function threadIdOf(worker: object): number {
  try {
    const id = (worker as { threadId?: unknown }).threadId;
    return typeof id === 'number' ? id : -1;
  } catch {
    return -1;
  }
}

function channelName(channel: object): string {
  try {
    const name = (channel as { name?: unknown }).name;
    return typeof name === 'string' ? name : '?';
  } catch {
    return '?';
  }
}
