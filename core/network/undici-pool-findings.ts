/**
 * pool-starvation and socket-leak for undici pools. Starvation reuses the http.Agent analysis as is:
 * it reads `snapshot.pools`, so it runs over a view of the session whose pools are the undici section's.
 * The socket leak of undici is connections piling up across its pools (an Agent per request, bodies never
 * consumed, unlimited pools), judged with the same trend thresholds as sockets.
 */
import type { AnalysisContext } from '../findings/analysis';
import { rounded } from '../findings/evidence-series';
import type { Finding } from '../findings/finding';
import type { Frame } from '../frame';
import { findPoolStarvation } from '../findings/pool-starvation';
import { CRITICAL_SLOPE_PER_S, CRITICAL_SOCKETS, OPEN_SOCKETS_GROWTH } from '../findings/socket-leak';
import { steadyGrowth } from '../findings/trend';
import type { Session } from '../session/session';
import { readUndiciSection } from './undici-section';

/** The session with each snapshot's `pools` replaced by its undici pools (the input is not mutated). */
export function undiciPoolsView(session: Session): Session {
  return {
    ...session,
    snapshots: session.snapshots.map((snapshot) => ({
      ...snapshot,
      pools: readUndiciSection(snapshot)?.pools ?? [],
    })),
  };
}

/** pool-starvation findings for undici pools (the http.Agent analysis over the undici pools). */
export function findUndiciPoolStarvation(session: Session, context: AnalysisContext): Finding[] {
  return findPoolStarvation(undiciPoolsView(session), context);
}

/** socket-leak: undici's open connections (all pools) climbing steadily over the session. */
export function findUndiciSocketLeak(session: Session, _context: AnalysisContext): Finding[] {
  const points: { t: number; v: number }[] = [];
  const lastByPool = new Map<string, number>();
  const firstByPool = new Map<string, number>();
  const framesByPool = new Map<string, Frame[]>();
  for (const snapshot of session.snapshots) {
    const section = readUndiciSection(snapshot);
    if (!section) continue;
    points.push({
      t: snapshot.time - session.header.createdAt,
      v: section.stats.reduce((sum, s) => sum + s.connected, 0),
    });
    section.stats.forEach((s, i) => {
      const key = `${s.poolId} → ${s.origin}`;
      if (!firstByPool.has(key)) firstByPool.set(key, s.connected);
      lastByPool.set(key, s.connected);
      const frames = section.pools[i]?.createdAt;
      if (frames && !framesByPool.has(key)) framesByPool.set(key, frames);
    });
  }
  const growth = steadyGrowth(points, OPEN_SOCKETS_GROWTH);
  if (!growth.steady) return [];
  const grown = [...lastByPool.entries()]
    .map(([key, last]) => ({ key, delta: last - (firstByPool.get(key) ?? 0) }))
    .sort((a, b) => b.delta - a.delta)
    .slice(0, 3);
  const last = points.at(-1)!.v;
  return [
    {
      kind: 'socket-leak',
      // The http.Agent leak's severity: what runs out (descriptors) does not care which client opened them.
      severity: growth.slopePerS >= CRITICAL_SLOPE_PER_S || last >= CRITICAL_SOCKETS ? 'critical' : 'warning',
      title: `undici connections leak: ${last} open, growing by ${rounded(growth.slopePerS)}/s`,
      evidence: {
        summary:
          `Connections open in undici pools went from ${points[0]!.v} to ${last}, about ${rounded(growth.slopePerS)} ` +
          `more each second. Most growth: ${grown.map((g) => `${g.key} (+${g.delta})`).join(', ')}.`,
        values: { first: points[0]!.v, last, slopePerS: rounded(growth.slopePerS, 2), pools: grown.length },
        series: [{ name: 'undici connected', unit: 'count', points }],
      },
      frames: [...(framesByPool.get(grown[0]?.key ?? '') ?? [])],
      advice:
        'Consume or cancel every response body (`await res.body.text()`, `res.body.cancel()` for fetch), reuse one ' +
        'undici Agent/Pool instead of one per request (and `close()` those you make), and set `keepAliveTimeout`.',
    },
  ];
}
