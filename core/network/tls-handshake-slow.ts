/**
 * tls-handshake-slow: a host whose TLS handshakes take long against what its network allows. A TLS 1.3
 * handshake costs one round trip plus a few ms of crypto, TLS 1.2 two: a handshake many times the TCP
 * connect time (itself one round trip plus DNS) means the peer is slow to answer (overloaded TLS
 * terminator, slow certificate lookup, OCSP), not distance. Judged on the handshake times less the target's
 * own event-loop stalls (`loop-stall-correction.ts`), which the agent's timing includes.
 */
import type { AnalysisContext } from '../findings/analysis';
import { rounded } from '../findings/evidence-series';
import type { Finding } from '../findings/finding';
import type { Session } from '../session/session';
import { formatPercent } from '../units/percent';
import type { TlsHostSummary } from './tls-host-summary';
import { summariseTlsHosts } from './tls-host-summary';
import { withoutLoopStalls } from './loop-stall-correction';

/** Below this p99 no handshake is called slow, whatever the connect time (ms). */
export const SLOW_FLOOR_MS = 100;
/** Client side: slow when p99 exceeds this multiple of the host's median TCP connect time. */
export const SLOW_CONNECT_MULTIPLE = 4;
/** Server side has no connect time to compare with: one absolute bound (ms), room for far clients' round trips. */
export const SERVER_SLOW_MS = 500;
/** Fewer handshakes than this say nothing about a percentile. */
export const MIN_HANDSHAKES = 3;

/** The p99 above which `host`'s handshakes are slow, ms. */
export function slowThresholdMs(host: TlsHostSummary): number {
  if (host.side === 'server') return SERVER_SLOW_MS;
  const connect = Number.isNaN(host.connectP50Ms) ? 0 : host.connectP50Ms;
  return Math.max(SLOW_FLOOR_MS, SLOW_CONNECT_MULTIPLE * connect);
}

export function findTlsHandshakeSlow(session: Session, _context: AnalysisContext): Finding[] {
  const keyOf = (host: TlsHostSummary): string => `${host.side} ${host.host}`;
  const judged = new Map(summariseTlsHosts(withoutLoopStalls(session)).map((host) => [keyOf(host), host]));
  return summariseTlsHosts(session).flatMap((host) => {
    const peer = judged.get(keyOf(host));
    const thresholdMs = slowThresholdMs(host);
    if (!peer || host.completed < MIN_HANDSHAKES || !(peer.p99Ms > thresholdMs)) return [];
    return [slowFinding(host, peer, thresholdMs)];
  });
}

/** `host` as measured; `peer` the same handshakes less the loop's stalls, which the judgement reads. */
function slowFinding(host: TlsHostSummary, peer: TlsHostSummary, thresholdMs: number): Finding {
  const role = host.side === 'client' ? `to ${host.host}` : `served on ${host.host}`;
  const connect = Number.isNaN(host.connectP50Ms)
    ? ''
    : ` TCP connect takes ${rounded(host.connectP50Ms)} ms (median).`;
  return {
    kind: 'tls-handshake-slow',
    // Most handshakes slow (the median too) stalls every new connection; a slow tail is a warning.
    severity: peer.p50Ms > thresholdMs ? 'critical' : 'warning',
    title: `Slow TLS handshakes ${role}: p99 ${rounded(host.p99Ms)} ms over ${host.completed} handshakes`,
    evidence: {
      summary:
        `TLS handshakes ${role} (${host.side} side) took p50 ${rounded(host.p50Ms)} ms, p99 ${rounded(host.p99Ms)} ms, ` +
        `max ${rounded(host.maxMs)} ms (threshold ${rounded(thresholdMs)} ms; p99 ${rounded(peer.p99Ms)} ms less ` +
        `the event loop's own stalls).${connect} ` +
        `${formatPercent(host.reuseRatio)} resumed a session.`,
      values: {
        host: host.host,
        side: host.side,
        handshakes: host.completed,
        p50Ms: rounded(host.p50Ms),
        p99Ms: rounded(host.p99Ms),
        p99LessLoopStallsMs: rounded(peer.p99Ms),
        maxMs: rounded(host.maxMs),
        thresholdMs: rounded(thresholdMs),
        reuseRatio: rounded(host.reuseRatio, 2),
        ...(Number.isNaN(host.connectP50Ms) ? {} : { connectP50Ms: rounded(host.connectP50Ms) }),
      },
      series: [
        {
          name: 'handshake p99',
          unit: 'ms',
          points: host.series.filter((p) => p.completed > 0).map((p) => ({ t: p.t, v: rounded(p.p99Ms) })),
        },
        { name: 'handshakes', unit: 'count', points: host.series.map((p) => ({ t: p.t, v: p.completed })) },
      ],
    },
    frames: host.slowestFrames,
    advice:
      host.side === 'client'
        ? `Reuse connections to ${host.host} (a keep-alive agent) so fewer requests pay for a handshake, and resume ` +
          'TLS sessions (the agent caches them by default); if every handshake is slow, the server side is ' +
          'overloaded or doing slow work per handshake (certificate lookup, OCSP).'
        : 'Handshakes this server runs are slow: look for slow SNICallback/certificate lookups or a CPU-starved ' +
          'event loop, enable session tickets/resumption, and let clients keep connections alive.',
  };
}
