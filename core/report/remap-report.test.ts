import { TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings/finding';
import { remapReportFrames } from './remap-report';
import type { Report } from './report';

const BUNDLE = 'file:///srv/out/app.js';
// Generated line N maps to line N of server.ts, column 0.
const map = new TraceMap(
  { version: 3, sources: ['server.ts'], names: [], mappings: ['AAAA', ...Array(100).fill('AACA')].join(';') },
  'file:///srv/src/app.js.map',
);

describe('remapReportFrames', () => {
  it('moves a finding’s frames and the places its title and summary name to the original sources', () => {
    const frame = { functionName: 'leak', url: BUNDLE, line: 42, column: 7 };
    const finding: Finding = {
      kind: 'promise-leak',
      severity: 'warning',
      title: `Promises leak at leak (${BUNDLE}:42): 10 pending`,
      evidence: { summary: `created at ${BUNDLE}:42:7`, values: {}, series: [] },
      frames: [frame],
      advice: '',
    };
    const report = { findings: [finding] } as unknown as Report;
    const [moved] = remapReportFrames(report, new Map([[BUNDLE, map]])).findings;
    expect(moved!.frames[0]).toEqual({
      functionName: 'leak',
      url: 'file:///srv/src/server.ts',
      line: 42,
      column: 1,
    });
    expect(moved!.title).toBe('Promises leak at leak (file:///srv/src/server.ts:42): 10 pending');
    expect(moved!.evidence.summary).toBe('created at file:///srv/src/server.ts:42:1');
  });

  it('moves a place said as `fn (file:line)` too, and no longer number that merely starts alike', () => {
    const frame = { functionName: 'notify', url: BUNDLE, line: 42, column: 7 };
    const finding: Finding = {
      kind: 'socket-leak',
      severity: 'warning',
      title: 'Sockets leak: responses left unread by notify (app.js:42), not by other (app.js:420)',
      evidence: { summary: '', values: {}, series: [] },
      frames: [frame],
      advice: '',
    };
    const report = { findings: [finding] } as unknown as Report;
    const [moved] = remapReportFrames(report, new Map([[BUNDLE, map]])).findings;
    expect(moved!.title).toBe(
      'Sockets leak: responses left unread by notify (server.ts:42), not by other (app.js:420)',
    );
  });
});
