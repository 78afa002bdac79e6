/** The live line `record` shows on a terminal: elapsed, samples, sockets and queued requests (all pools). */
import type { AgentSnapshot } from '../../core/agent-protocol';
import { queuedInAllPools } from '../../core/network/all-pools';
import { formatDurationMs } from '../../core/units/duration';

export function progressLine(
  pid: number,
  elapsedMs: number,
  snapshots: number,
  last: AgentSnapshot | null,
): string {
  const parts = [`recording pid ${pid}`, formatDurationMs(elapsedMs), `${snapshots} samples`];
  if (last) {
    parts.push(`sockets ${last.sockets.total}`, `queued ${queuedInAllPools(last)}`);
    parts.push(`loop p99 ${last.eventLoop.delayP99Ms.toFixed(1)} ms`);
    if (last.fds.open !== null)
      parts.push(`fds ${last.fds.open}${last.fds.limit ? `/${last.fds.limit}` : ''}`);
  }
  return `● ${parts.join(' · ')} · Ctrl-C to stop`;
}
