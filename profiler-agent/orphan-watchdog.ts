/**
 * Notices that the agent's client is gone: a recorder killed with `kill -9` never detaches, and would
 * leave the agent's hooks and patches in the target for good. Every client call touches the watchdog; when
 * none came for `orphanAfterMs`, the agent is orphaned and removes itself.
 */
import type { AgentOptions } from '../core/agent-protocol';

export interface OrphanWatchdog {
  /** A client called the agent: it is not orphaned. */
  touch(): void;
  /** Another client reuses the agent: the longer wait and a request to close the inspector win. */
  adopt(options: AgentOptions): void;
  /** The agent is detached: no more watching. */
  stop(): void;
}

/** Smallest pause between checks, ms: a short `orphanAfterMs` (tests) must not spin. */
const MIN_CHECK_MS = 50;

/**
 * Starts watching when `options.orphanAfterMs` is set (otherwise it never fires). `onOrphaned` gets
 * whether the client asked for the inspector to be closed. The timer is unref'd: it never keeps the
 * target alive.
 */
export function startOrphanWatchdog(
  options: AgentOptions,
  onOrphaned: (closeInspector: boolean) => void,
): OrphanWatchdog {
  let orphanAfterMs = options.orphanAfterMs ?? 0;
  let closeInspector = options.closeInspectorWhenOrphaned === true;
  let lastContact = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;

  const check = (): void => {
    if (Date.now() - lastContact < orphanAfterMs) return;
    stop();
    onOrphaned(closeInspector);
  };
  const arm = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = orphanAfterMs > 0 ? setInterval(check, Math.max(MIN_CHECK_MS, orphanAfterMs / 4)) : undefined;
    timer?.unref();
  };
  const stop = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  arm();
  return {
    touch() {
      lastContact = Date.now();
    },
    adopt(more) {
      lastContact = Date.now();
      closeInspector ||= more.closeInspectorWhenOrphaned === true;
      // A client that does not watch (unset) must not stop another client's watchdog, nor shorten it.
      const longer = Math.max(orphanAfterMs, more.orphanAfterMs ?? 0);
      if (longer !== orphanAfterMs) {
        orphanAfterMs = longer;
        arm();
      }
    },
    stop,
  };
}
