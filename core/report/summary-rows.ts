/** The report summary as label/value rows, for the text report (and any table that shows it). */
import { formatBytes, formatPercent } from './format-units';
import type { ReportSummary } from './report';

/** `[label, value]` rows in reading order; unknown figures read `n/a`. */
export function summaryRows(summary: ReportSummary): [string, string][] {
  const { fds, eventLoop, requests } = summary;
  const ms = (value: number | null): string => (value === null ? 'n/a' : `${Math.round(value * 10) / 10} ms`);
  const bytes = (value: number | null): string => (value === null ? 'n/a' : formatBytes(value));
  const dropped = Object.entries(summary.dropped).filter(([, count]) => count > 0);
  return [
    ['peak sockets', String(summary.peakSockets)],
    ['peak queued for a socket', String(summary.peakQueued)],
    ['fds open / limit', `${fds.open ?? 'n/a'} / ${fds.limit ?? 'n/a'} (peak ${fds.peak ?? 'n/a'})`],
    [
      'event loop p99 / max',
      `${ms(eventLoop.delayP99Ms)} / ${ms(eventLoop.delayMaxMs)}` +
        (eventLoop.meanUtilization === null
          ? ''
          : ` (utilisation ${formatPercent(eventLoop.meanUtilization)})`),
    ],
    ['heap peak', `${bytes(summary.heapPeakBytes)} (rss peak ${bytes(summary.rssPeakBytes)})`],
    [
      'requests',
      `${requests.completed} completed (${requests.perSecond.toFixed(1)}/s), ${requests.inFlight} in flight, ` +
        `${requests.errors} errors`,
    ],
    [
      'dropped by the agent',
      dropped.length === 0 ? 'none' : dropped.map(([why, n]) => `${why}=${n}`).join(', '),
    ],
  ];
}
