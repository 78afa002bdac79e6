import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings/finding';
import { buildSession } from '../findings/test-support/session-builder';
import { buildReport } from './build-report';
import { formatTextReport } from './format-text';
import { formatBytes, formatDuration } from './format-units';
import type { Report } from './report';

const finding = (severity: Finding['severity'], kind: Finding['kind'], frameCount: number): Finding => ({
  kind,
  severity,
  title: `${kind} title`,
  evidence: {
    summary: `${kind} summary with numbers 12 and 34.`,
    values: { maxQueued: 37, origin: 'api:80' },
    series: [],
  },
  frames: Array.from({ length: frameCount }, (_, i) => ({
    functionName: i === 1 ? '' : `fn${i}`,
    url: `file:///srv/app/f${i}.js`,
    line: i + 1,
    column: 7,
  })),
  advice: `${kind} advice. `.repeat(20).trim(),
});

function reportWith(findings: Finding[]): Report {
  return { ...buildReport(buildSession({ snapshots: 10 })), findings };
}

describe('formatTextReport', () => {
  it('starts with pid, node version and duration, then findings in order with evidence, frames and advice', () => {
    const text = formatTextReport(
      reportWith([finding('critical', 'pool-starvation', 2), finding('info', 'fd-exhaustion', 0)]),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'hyperscope report: pid 4242, node v20.20.2, 10.0 s, 10 snapshots every 1.0 s, ended: duration',
    );
    expect(text).toContain('2 findings: 1 critical, 1 info');
    expect(text.indexOf('CRITICAL  pool-starvation  pool-starvation title')).toBeLessThan(
      text.indexOf('INFO      fd-exhaustion  fd-exhaustion title'),
    );
    expect(text).toContain('    pool-starvation summary with numbers 12 and 34.');
    expect(text).toContain('    maxQueued=37 origin=api:80');
    expect(text).toContain(
      '    at fn0 (file:///srv/app/f0.js:1:7)\n       (anonymous) (file:///srv/app/f1.js:2:7)',
    );
    expect(text).toContain('    advice: pool-starvation advice.');
    expect(text).not.toContain('\x1b');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says how the target was reached; a target that recorded itself had no inspector port', () => {
    const report = reportWith([]);
    expect(formatTextReport(report).split('\n')[1]).toBe('command: node server.js (attached by pid)');
    const inProcess = { ...report, target: { ...report.target, attachedBy: 'in-process' as const } };
    expect(formatTextReport(inProcess).split('\n')[1]).toBe(
      'command: node server.js (recorded in-process, no inspector port)',
    );
  });

  it('counts warnings as a plural noun, critical and info as they are', () => {
    const two = [finding('warning', 'pool-starvation', 0), finding('warning', 'fd-exhaustion', 0)];
    expect(formatTextReport(reportWith(two))).toContain('2 findings: 2 warnings\n');
    expect(formatTextReport(reportWith(two.slice(1)))).toContain('1 finding: 1 warning\n');
    const mixed = [...two, finding('critical', 'socket-leak', 0), finding('critical', 'socket-leak', 0)];
    expect(formatTextReport(reportWith(mixed))).toContain('4 findings: 2 critical, 2 warnings\n');
  });

  it('wraps long sentences within the width and caps long stacks', () => {
    const text = formatTextReport(reportWith([finding('warning', 'event-loop-blocked', 12)]), {
      width: 80,
      maxFrames: 3,
    });
    // Sentences wrap; the header and titles stay on one line each so they can be grepped.
    const wrapped = text.split('\n').filter((line) => line.startsWith('    '));
    expect(wrapped.filter((line) => line.includes('advice')).length).toBeGreaterThan(0);
    for (const line of wrapped) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toContain('fn2 (file:///srv/app/f2.js:3:7)');
    expect(text).not.toContain('fn3 (');
    expect(text).toContain('… 9 more');
  });

  it('ends with the summary table', () => {
    const text = formatTextReport(reportWith([]));
    expect(text).toContain('No findings');
    const summary = text.slice(text.indexOf('Summary'));
    for (const label of [
      'peak sockets',
      'peak queued for a socket',
      'fds open / limit',
      'event loop p99 / max',
      'heap peak',
      'requests',
      'dropped by the agent',
    ]) {
      expect(summary).toMatch(new RegExp(`^  ${label} +\\S`, 'm'));
    }
    expect(summary).toMatch(/fds open \/ limit +\d+ \/ 1024 \(peak \d+\)/);
    expect(summary).toMatch(/dropped by the agent +none/);
  });

  it('colours severities and titles only when asked', () => {
    const text = formatTextReport(reportWith([finding('critical', 'socket-leak', 0)]), { color: true });
    expect(text).toContain('\x1b[1;31mCRITICAL');
    expect(text).toContain('\x1b[1msocket-leak title\x1b[0m');
  });
});

describe('units', () => {
  it('formats durations and sizes', () => {
    expect([
      formatDuration(4.25),
      formatDuration(850),
      formatDuration(12_340),
      formatDuration(270_000),
    ]).toEqual(['4.3 ms', '850 ms', '12.3 s', '4.5 min']);
    expect([formatBytes(512), formatBytes(48 * 1024), formatBytes(54.2 * 2 ** 20)]).toEqual([
      '512 B',
      '48.0 KiB',
      '54.2 MiB',
    ]);
  });
});
