/**
 * socket-leak: open and idle sockets climbing steadily over the session (no idle timeout, response bodies
 * never consumed, an Agent per request), or destroyed sockets that something still references.
 */
import type { Session } from '../session/session';
import type { AnalysisContext, TimedValue } from './analysis';
import { snapshotPoints, timedSnapshots } from './analysis';
import { rounded, seriesOf } from './evidence-series';
import type { Finding } from './finding';
import type { GrowingPeer } from './growing-peers';
import { describePeer, growingPeers } from './growing-peers';
import { describeCode, LEAK_ROLES, leakCodeFor, type LeakCode, type LeakStack } from './leak-code';
import type { Growth, GrowthThresholds } from './trend';
import { steadyGrowth } from './trend';

// A healthy keep-alive service holds a level that wanders with load, or ramps up at warm-up and levels
// off. A leak climbs to the end: ≥ 1 socket a second (whole series and later half), ≥ 10 in all, and a
// Mann–Kendall Z ≥ 2.58 (noise alone gets there ~1 session in 200, and then rarely with that slope).
// Measured on the test timeline (±~10 sockets of noise, 1000 seeds): no healthy session fires; a leak
// of 10/s is found by 8 s, 5/s by 10 s, 2/s by 15 s.
export const OPEN_SOCKETS_GROWTH: GrowthThresholds = {
  minPoints: 6,
  minSlopePerS: 1,
  minGrowth: 10,
  minTrendZ: 2.58,
};
// The first snapshot is the agent's first look, not a level: sockets made before it count only once
// they are used, and a launched service may not have opened its pools yet. Healthy demo recordings went
// 0 → 12 → … 20 (a warning at 1.5/s under a loaded CI runner); from the second snapshot on they hold a
// level, and leaks still climb ~8 a second.
export const FIRST_LOOK_POINTS = 1;
// Destroyed sockets are released within a tick or two when nothing holds them; a handful piling up
// steadily already means a reference is kept (a pool list, a request, a closure).
export const DESTROYED_REFERENCED_GROWTH: GrowthThresholds = {
  minPoints: 6,
  minSlopePerS: 0.5,
  minGrowth: 5,
  minTrendZ: 2.58,
};
// At 10 sockets a second, a default `ulimit -n` of 1024 is gone in under two minutes.
export const CRITICAL_SLOPE_PER_S = 10;
// Past a thousand leaked sockets a process is near common fd limits whatever the rate.
export const CRITICAL_SOCKETS = 1000;
/** How many of the fastest-growing peers the evidence names. */
const PEERS_IN_EVIDENCE = 3;

/** Up to two findings: open+idle sockets growing, and destroyed-but-referenced sockets growing. */
export function findSocketLeak(session: Session, _context: AnalysisContext): Finding[] {
  const findings: Finding[] = [];
  const openIdle = snapshotPoints(session, (s) => s.sockets.open + s.sockets.idle);
  const growth = steadyGrowth(openIdle.slice(FIRST_LOOK_POINTS), OPEN_SOCKETS_GROWTH);
  if (growth.steady) {
    const peers = growingPeers(session, PEERS_IN_EVIDENCE);
    const last = openIdle.at(-1)!.v;
    const peerText = peers.length > 0 ? ` Fastest growing: ${peers.map(describePeer).join(', ')}.` : '';
    const code = leakCodeFor(session, peers);
    const codeTitle = code ? `, ${LEAK_ROLES[code.cited]} ${describeCode(code.named)}` : '';
    findings.push({
      kind: 'socket-leak',
      severity: severityOf(growth, last),
      title: `Sockets leak: open and idle sockets grow by ${rounded(growth.slopePerS)}/s to ${last}${codeTitle}`,
      evidence: {
        summary:
          `Open + idle sockets went from ${openIdle[0]!.v} to ${last}, about ${rounded(growth.slopePerS)} ` +
          `more each second.${peerText}${code ? ` ${codeSentence(code)}` : ''}`,
        values: { ...growthValues(growth, openIdle), ...peerValues(peers), ...code?.values },
        series: [
          { name: 'open+idle', unit: 'count', points: openIdle },
          seriesOf('open', 'count', timedSnapshots(session), (x) => x.snapshot.sockets.open),
          seriesOf('idle', 'count', timedSnapshots(session), (x) => x.snapshot.sockets.idle),
          ...peers.map((peer) => peer.series),
        ],
      },
      frames: code?.frames ?? [],
      advice:
        'Give keep-alive agents an idle timeout (`timeout` on http.Agent, `keepAliveTimeout` in undici), ' +
        'consume or destroy every response body (`res.resume()`), and reuse one Agent instead of making one per request.',
    });
  }
  const destroyed = snapshotPoints(session, (s) => s.sockets.destroyedReferenced);
  const destroyedGrowth = steadyGrowth(destroyed, DESTROYED_REFERENCED_GROWTH);
  if (destroyedGrowth.steady) {
    const last = destroyed.at(-1)!.v;
    findings.push({
      kind: 'socket-leak',
      severity: severityOf(destroyedGrowth, last),
      title: `Destroyed sockets still referenced: ${last}, growing by ${rounded(destroyedGrowth.slopePerS)}/s`,
      evidence: {
        summary:
          `Sockets destroyed but still referenced went from ${destroyed[0]!.v} to ${last}: ` +
          `something keeps closed sockets (a pool list, a request object, a closure) and their buffers alive.`,
        values: growthValues(destroyedGrowth, destroyed),
        series: [{ name: 'destroyedReferenced', unit: 'count', points: destroyed }],
      },
      frames: [],
      advice:
        'Drop references to requests and sockets once they close (listeners on long-lived emitters, ' +
        'maps keyed by request), and let the agent remove destroyed sockets (do not keep your own socket lists).',
    });
  }
  return findings;
}

function severityOf(growth: Growth, last: number): Finding['severity'] {
  return growth.slopePerS >= CRITICAL_SLOPE_PER_S || last >= CRITICAL_SOCKETS ? 'critical' : 'warning';
}

function growthValues(growth: Growth, points: TimedValue[]): Record<string, number> {
  return {
    first: points[0]!.v,
    last: points.at(-1)!.v,
    slopePerS: rounded(growth.slopePerS, 2),
    growth: Math.round(growth.growth),
    trendZ: rounded(growth.trendZ, 2),
  };
}

/** `Responses left unread by f (a.js:3); new sockets opened by g.`: the cited stack with its place. */
function codeSentence(code: LeakCode): string {
  const parts = (Object.keys(LEAK_ROLES) as LeakStack[]).flatMap((key) => {
    const name = code.values[key];
    if (!name) return [];
    return [`${LEAK_ROLES[key]} ${key === code.cited ? describeCode(code.named) : name}`];
  });
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function peerValues(peers: GrowingPeer[]): Record<string, string> {
  return Object.fromEntries(peers.map((peer, i) => [`peer${i + 1}`, describePeer(peer)]));
}
