import { describe, expect, it } from 'vitest';
import { buildSession, TEST_START_TIME } from '../findings/test-support/session-builder';
import { buildReport } from './build-report';
import { formatTextReport } from './format-text';

describe('marks in the report', () => {
  const session = buildSession({ snapshots: 40 });
  session.marks = [
    { type: 'mark', time: TEST_START_TIME + 31_500, label: 'rollback' },
    { type: 'mark', time: TEST_START_TIME + 12_000, label: 'deploy v2\x1b[2J' },
  ];
  const report = buildReport(session);

  it('lists them in time order with their offset from the start, in JSON', () => {
    expect(JSON.parse(JSON.stringify(report)).marks).toEqual([
      { time: TEST_START_TIME + 12_000, offsetMs: 12_000, label: 'deploy v2\x1b[2J' },
      { time: TEST_START_TIME + 31_500, offsetMs: 31_500, label: 'rollback' },
    ]);
  });

  it('prints them on one line under the header, labels made terminal-safe', () => {
    const lines = formatTextReport(report).split('\n');
    expect(lines[2]).toBe('marks: +12.0 s deploy v2\\x1b[2J · +31.5 s rollback');
  });

  it('has no marks line for a session without marks', () => {
    const plain = buildReport(buildSession({ snapshots: 3 }));
    expect(plain.marks).toEqual([]);
    expect(formatTextReport(plain)).not.toMatch(/^marks:/m);
  });
});
