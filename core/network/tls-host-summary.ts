/**
 * Per-host TLS figures over a whole session, merged from the snapshots' interval sections: how many
 * handshakes, how many resumed a session, p50/p99/max handshake time, TCP connect time, errors, and a
 * series per snapshot. What the TLS view and the TLS findings read.
 */
import type { Frame } from '../frame';
import type { Session } from '../session/session';
import { histogramCount, histogramQuantileMs, mergeHistograms } from './duration-histogram';
import type { DurationHistogram, TlsHostInterval } from './tls-section';
import { readTlsSection } from './tls-section';

/** One host's handshakes in one snapshot's interval; `t` is ms since the session's start. */
export interface TlsHostPoint {
  t: number;
  completed: number;
  failed: number;
  /** p99 of the interval's handshakes, ms; NaN when there were none. */
  p99Ms: number;
  maxMs: number;
}

export interface TlsHostSummary {
  host: string;
  side: 'client' | 'server';
  completed: number;
  reused: number;
  /** `reused / completed`, 0..1; 0 when none completed. */
  reuseRatio: number;
  /** Handshake time percentiles over the session, ms (NaN when none completed). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Median TCP connect time (client side), ms; NaN when never measured. */
  connectP50Ms: number;
  /** Failed handshakes by reason, over the session. */
  errors: Record<string, number>;
  /** Frames of the slowest handshake seen (client side), innermost first. */
  slowestFrames: Frame[];
  series: TlsHostPoint[];
}

interface Gathered {
  intervals: { t: number; interval: TlsHostInterval }[];
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

function summarise(key: { host: string; side: 'client' | 'server' }, gathered: Gathered): TlsHostSummary {
  const intervals = gathered.intervals.map((g) => g.interval);
  const handshakes: DurationHistogram = mergeHistograms(intervals.map((i) => i.handshakeMs.histogram));
  const connects: DurationHistogram = mergeHistograms(intervals.map((i) => i.connectMs.histogram));
  const maxMs = Math.max(0, ...intervals.map((i) => i.handshakeMs.max));
  const completed = histogramCount(handshakes);
  const reused = intervals.reduce((sum, i) => sum + i.reused, 0);
  const errors: Record<string, number> = {};
  for (const interval of intervals) addCounts(errors, interval.errors);
  const slowest = intervals.reduce<TlsHostInterval | null>(
    (best, i) => (i.completed > 0 && (!best || i.handshakeMs.max > best.handshakeMs.max) ? i : best),
    null,
  );
  return {
    ...key,
    completed,
    reused,
    reuseRatio: completed > 0 ? reused / completed : 0,
    p50Ms: histogramQuantileMs(handshakes, 0.5, maxMs),
    p99Ms: histogramQuantileMs(handshakes, 0.99, maxMs),
    maxMs,
    connectP50Ms: histogramQuantileMs(connects, 0.5, Math.max(0, ...intervals.map((i) => i.connectMs.max))),
    errors,
    slowestFrames: slowest ? [...slowest.slowestFrames] : [],
    series: gathered.intervals.map(({ t, interval }) => ({
      t,
      completed: interval.completed,
      failed: Object.values(interval.errors).reduce((sum, n) => sum + n, 0),
      p99Ms: histogramQuantileMs(interval.handshakeMs.histogram, 0.99, interval.handshakeMs.max),
      maxMs: interval.handshakeMs.max,
    })),
  };
}

/** Every host with TLS activity in the session, most handshakes first. */
export function summariseTlsHosts(session: Session): TlsHostSummary[] {
  const byHost = new Map<string, { key: { host: string; side: 'client' | 'server' }; gathered: Gathered }>();
  for (const snapshot of session.snapshots) {
    const section = readTlsSection(snapshot);
    if (!section) continue;
    const t = snapshot.time - session.header.createdAt;
    for (const interval of section.hosts) {
      const id = `${interval.side} ${interval.host}`;
      const entry = byHost.get(id) ?? {
        key: { host: interval.host, side: interval.side },
        gathered: { intervals: [] },
      };
      entry.gathered.intervals.push({ t, interval });
      byHost.set(id, entry);
    }
  }
  return [...byHost.values()]
    .map(({ key, gathered }) => summarise(key, gathered))
    .sort((a, b) => b.completed - a.completed);
}
