/**
 * tls-handshake-stalled: handshakes that were connected at the TCP level but had not finished after
 * `STALLED_AFTER_MS`. Each holds a socket and a file descriptor, and whatever waits on it (a request,
 * a pool slot) waits too; Node's client has no handshake timeout of its own.
 */
import type { AnalysisContext } from '../findings/analysis';
import { rounded } from '../findings/evidence-series';
import type { Finding } from '../findings/finding';
import type { Frame } from '../frame';
import type { Session } from '../session/session';
import type { PendingHandshake } from './tls-section';
import { readTlsSection } from './tls-section';

/** A healthy handshake takes a few round trips; one still going after this long is stalled (ms). */
export const STALLED_AFTER_MS = 5_000;
/** This many stalled at once, or one stalled this long, is critical. */
export const CRITICAL_STALLED = 10;
export const CRITICAL_STALLED_MS = 60_000;

interface StalledHost {
  host: string;
  side: PendingHandshake['side'];
  maxStalled: number;
  oldestMs: number;
  frames: Frame[];
  points: { t: number; v: number }[];
}

export function findTlsHandshakeStalled(session: Session, _context: AnalysisContext): Finding[] {
  const byHost = new Map<string, StalledHost>();
  for (const snapshot of session.snapshots) {
    const section = readTlsSection(snapshot);
    if (!section) continue;
    const t = snapshot.time - session.header.createdAt;
    const counts = new Map<string, number>();
    for (const pending of section.pending) {
      if (pending.phase !== 'tls' || pending.ageMs < STALLED_AFTER_MS) continue;
      const key = `${pending.side} ${pending.host}`;
      const host = byHost.get(key) ?? {
        host: pending.host,
        side: pending.side,
        maxStalled: 0,
        oldestMs: 0,
        frames: [],
        points: [],
      };
      if (pending.ageMs > host.oldestMs) {
        host.oldestMs = pending.ageMs;
        if (pending.frames.length > 0) host.frames = pending.frames;
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
      byHost.set(key, host);
    }
    for (const [key, host] of byHost) {
      const count = counts.get(key) ?? 0;
      host.maxStalled = Math.max(host.maxStalled, count);
      host.points.push({ t, v: count });
    }
  }
  return [...byHost.values()].map(stalledFinding);
}

function stalledFinding(host: StalledHost): Finding {
  const role = host.side === 'client' ? `to ${host.host}` : `from clients on ${host.host}`;
  const oldestS = rounded(host.oldestMs / 1000);
  return {
    kind: 'tls-handshake-stalled',
    severity:
      host.maxStalled >= CRITICAL_STALLED || host.oldestMs >= CRITICAL_STALLED_MS ? 'critical' : 'warning',
    title: `TLS handshakes ${role} never finish: up to ${host.maxStalled} stalled, the oldest ${oldestS} s`,
    evidence: {
      summary:
        `Up to ${host.maxStalled} TLS handshakes ${role} (${host.side} side) were connected but unfinished after ` +
        `${STALLED_AFTER_MS / 1000} s, the oldest for ${oldestS} s; each holds a socket and whatever waits on it.`,
      values: { host: host.host, side: host.side, maxStalled: host.maxStalled, oldestSeconds: oldestS },
      series: [{ name: 'stalled handshakes', unit: 'count', points: host.points }],
    },
    frames: host.frames,
    advice:
      host.side === 'client'
        ? `Put a timeout on connections to ${host.host} (\`timeout\` on the request or socket, \`connectTimeout\` ` +
          'in undici) and destroy the socket when it fires; find out why the peer accepts TCP but never answers ' +
          'the ClientHello (a wrong port, a plain-TCP service, a full TLS terminator).'
        : "Clients connect and never complete the handshake: lower the server's `handshakeTimeout` (120 s by " +
          'default) so stalled connections free their sockets, and check for port scanners or plain-TCP clients.',
  };
}
