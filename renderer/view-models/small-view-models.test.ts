import { describe, expect, it } from 'vitest';
import { formatValue as formatCoreValue } from '../../core/profile/format-value';
import { chartMarks, markLabelSide } from './chart-marks';
import { evidenceCharts } from './evidence-charts';
import { formatAxisValue, formatBytes, formatMs, formatSeconds, formatValue } from './format';
import { parseInspectorAddress } from './inspector-address';
import { isSparseSeries, SPARSE_POINTS } from './sparse-series';
import { splitCommand } from './split-command';

describe('evidenceCharts', () => {
  it('puts series of one unit in one chart, rows by instant in seconds', () => {
    const charts = evidenceCharts({
      summary: '',
      values: {},
      series: [
        {
          name: 'queued',
          unit: 'count',
          points: [
            { t: 2000, v: 5 },
            { t: 1000, v: 1 },
          ],
        },
        { name: 'limit', unit: 'count', points: [{ t: 1000, v: 2 }] },
        { name: 'delay', unit: 'ms', points: [{ t: 1000, v: 30 }] },
        { name: 'empty', unit: 'bytes', points: [] },
      ],
    });
    expect(charts.map((c) => c.unit)).toEqual(['count', 'ms']);
    expect(charts[0]).toEqual({
      unit: 'count',
      names: ['queued', 'limit'],
      rows: [
        { t: 1, queued: 1, limit: 2 },
        { t: 2, queued: 5 },
      ],
    });
  });
});

describe('parseInspectorAddress', () => {
  it.each([
    ['127.0.0.1:9229', '127.0.0.1', 9229, true],
    ['localhost:9229', 'localhost', 9229, true],
    ['ws://[::1]:9229/abc', '::1', 9229, true],
    ['10.0.0.5:9229', '10.0.0.5', 9229, false],
    ['ws://db.internal:9229/x', 'db.internal', 9229, false],
    ['127.evil.example:9229', '127.evil.example', 9229, false],
  ])('%s', (text, host, port, loopback) => {
    expect(parseInspectorAddress(text)).toEqual({ host, port, loopback });
  });
  it('refuses what is not an address', () => {
    expect(parseInspectorAddress('')).toBeNull();
    expect(parseInspectorAddress('file:///etc/passwd')).toBeNull();
    expect(parseInspectorAddress('not an address')).toBeNull();
  });
});

describe('splitCommand', () => {
  it('splits like a shell without expanding anything', () => {
    expect(splitCommand(`node  server.js --name "my app" 'a b' c\\ d $HOME`)).toEqual([
      'node',
      'server.js',
      '--name',
      'my app',
      'a b',
      'c d',
      '$HOME',
    ]);
    expect(splitCommand('   ')).toEqual([]);
    expect(splitCommand('node ""')).toEqual(['node', '']);
    expect(() => splitCommand('node "open')).toThrow('unclosed " quote');
  });
});

describe('format', () => {
  it('prints values in their units', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(null)).toBe('–');
    expect(formatMs(0.25)).toBe('250 µs');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(3200)).toBe('3200 ms');
    expect(formatMs(45_000)).toBe('45.0 s');
    expect(formatValue(0.42, 'ratio')).toBe('42%');
    expect(formatValue(12, '%')).toBe('12 %');
    expect(formatSeconds(1.5)).toBe('1.5s');
    expect(formatSeconds(125)).toBe('2m05');
    expect(formatAxisValue(140_000_000, 'bytes')).toBe('134 MiB');
  });

  it('formats rates in bytes per second in binary units, on axes and in tooltips', () => {
    expect(formatValue(1.5 * 1024 * 1024, 'bytes/s')).toBe('1.5 MiB/s');
    expect(formatValue(null, 'bytes/s')).toBe('–');
    expect(formatValue(Number.NaN, 'bytes/s')).toBe('–');
    expect(formatAxisValue(1_600_000, 'bytes/s')).toBe('1.5 MiB/s');
    expect(formatAxisValue(40 * 1024 * 1024, 'bytes/s')).toBe('40 MiB/s');
    expect(formatCoreValue(2048, 'bytes/s')).toBe('2 KiB/s');
    expect(formatCoreValue(1_600_000, 'bytes/s')).toBe('1.53 MiB/s');
  });
});

describe('chartMarks', () => {
  it('places marks in seconds since the start, labels clear of the right edge', () => {
    const marks = chartMarks(
      [
        { type: 'mark', time: 12_500, label: 'deploy' },
        { type: 'mark', time: 9_000, label: 'before the start' },
      ],
      10_000,
    );
    expect(marks).toEqual([
      { t: 2.5, label: 'deploy' },
      { t: 0, label: 'before the start' },
    ]);
    expect(markLabelSide(2.5, 0, 30)).toBe('right');
    expect(markLabelSide(29, 0, 30)).toBe('left');
    expect(markLabelSide(5, 5, 5)).toBe('right');
  });
});

describe('isSparseSeries', () => {
  it('marks series with few points (one per profile window), not one sampled every second', () => {
    // An alloc-hotspot finding in a 10 s recording: one allocated and one still-alive window.
    const evidence = [
      { t: 5, allocated: 1000 },
      { t: 10, 'still alive': 200 },
    ];
    expect(isSparseSeries(evidence, 'allocated')).toBe(true);
    expect(isSparseSeries(evidence, 'still alive')).toBe(true);
    const perSecond = Array.from({ length: SPARSE_POINTS + 1 }, (_, t) => ({ t, heap: t * 1000 }));
    expect(isSparseSeries(perSecond, 'heap')).toBe(false);
    expect(isSparseSeries(perSecond.slice(1), 'heap')).toBe(true);
    // Rows without the series' value (another series' instants) do not count.
    expect(isSparseSeries([...perSecond.map(({ t }) => ({ t })), { t: 99, heap: 1 }], 'heap')).toBe(true);
  });
});
