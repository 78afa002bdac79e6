/** Sockets by peer over a session: which remote peers gain sockets fastest. */
import type { PeerSockets } from '../agent-protocol';
import type { Session } from '../session/session';
import type { TimedValue } from './analysis';
import { timedSnapshots } from './analysis';
import { rounded } from './evidence-series';
import type { EvidenceSeries } from './finding';
import { theilSenSlopePerS } from './trend';

/** One peer's open+idle sockets over the session. */
export interface GrowingPeer {
  key: string;
  side: PeerSockets['side'];
  peer: string;
  slopePerS: number;
  last: number;
  series: EvidenceSeries;
}

/** `host:port (side) N sockets, +x/s`. */
export function describePeer(peer: GrowingPeer): string {
  return `${peer.peer} (${peer.side}) ${peer.last} sockets, +${rounded(peer.slopePerS)}/s`;
}

/**
 * Up to `count` peers whose open+idle sockets grow (Theil–Sen slope > 0), fastest first. A peer counts
 * only in the snapshots that describe it (the agent lists the busiest peers only).
 */
export function growingPeers(session: Session, count: number): GrowingPeer[] {
  const byPeer = new Map<string, { side: PeerSockets['side']; peer: string; points: TimedValue[] }>();
  for (const { t, snapshot } of timedSnapshots(session)) {
    for (const peer of snapshot.peers) {
      const key = `${peer.side} ${peer.peer}`;
      const entry = byPeer.get(key) ?? { side: peer.side, peer: peer.peer, points: [] };
      entry.points.push({ t, v: peer.open + peer.idle });
      byPeer.set(key, entry);
    }
  }
  return [...byPeer.entries()]
    .map(([key, { side, peer, points }]) => ({
      key,
      side,
      peer,
      slopePerS: theilSenSlopePerS(points),
      last: points.at(-1)!.v,
      series: { name: `peer ${peer} (${side})`, unit: 'count', points },
    }))
    .filter((peer) => peer.slopePerS > 0)
    .sort((a, b) => b.slopePerS - a.slopePerS)
    .slice(0, count);
}
