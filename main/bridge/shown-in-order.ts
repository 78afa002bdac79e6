/**
 * Live snapshots on their way to the UI, moved to original sources first. Remapping waits for source
 * maps to load: a queue keeps the snapshots (and the findings made of them) in order. A snapshot that
 * cannot be remapped goes as it is.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';

export function shownInOrder(
  remap: (snapshot: AgentSnapshot) => Promise<AgentSnapshot>,
  deliver: (snapshot: AgentSnapshot) => void,
): (snapshot: AgentSnapshot) => void {
  let shown = Promise.resolve();
  return (snapshot) => {
    shown = shown
      .then(() => remap(snapshot))
      .catch(() => snapshot)
      .then(deliver);
  };
}
