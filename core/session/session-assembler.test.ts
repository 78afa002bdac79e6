import { describe, expect, it } from 'vitest';
import { parseSessionText } from './session-assembler';
import { cpuProfileRecords, allocProfileRecords } from './profile-records';
import type { HeaderRecord, SessionRecord } from './records';

const header: HeaderRecord = {
  type: 'header',
  schema: 'hyperscope.session/1',
  hyperscope: 'test',
  createdAt: 1000,
  target: { pid: 1, nodeVersion: 'v20.0.0', argv: ['node'], attachedBy: 'pid' },
  options: { intervalMs: 1000, durationMs: null, cpu: true, heap: false, promises: false },
};
const lines = (records: SessionRecord[]) => records.map((r) => JSON.stringify(r) + '\n').join('');

describe('parseSessionText', () => {
  it('reassembles a CPU profile streamed in parts', () => {
    const nodes = Array.from({ length: 4500 }, (_, i) => ({
      id: i + 1,
      callFrame: { functionName: `f${i}`, scriptId: '1', url: 'a.js', lineNumber: i, columnNumber: 0 },
    }));
    const profile = {
      nodes,
      startTime: 1_000_000,
      endTime: 2_000_000,
      samples: [1, 2, 3],
      timeDeltas: [5, 5, 5],
    };
    const records = [
      header,
      ...cpuProfileRecords({ id: 'cpu1', startTime: 1000, endTime: 2000, samplingInterval: 1000 }, profile),
    ];
    expect(records.filter((r) => r.type === 'profile-cpu-nodes')).toHaveLength(3);
    const session = parseSessionText(lines(records));
    expect(session.cpuProfiles).toHaveLength(1);
    expect(session.cpuProfiles[0]!.profile.nodes).toHaveLength(4500);
    expect(session.cpuProfiles[0]!.profile.samples).toEqual([1, 2, 3]);
  });

  it('flattens a nested allocation profile', () => {
    const frame = (name: string) => ({
      functionName: name,
      scriptId: '1',
      url: 'a.js',
      lineNumber: 0,
      columnNumber: 0,
    });
    const head = {
      id: 1,
      selfSize: 0,
      callFrame: frame('(root)'),
      children: [{ id: 2, selfSize: 64, callFrame: frame('make'), children: [] }],
    };
    const text = lines([
      header,
      ...allocProfileRecords(
        { id: 'a', startTime: 1, endTime: 2, samplingInterval: 32768 },
        { head, samples: [{ size: 64, nodeId: 2, ordinal: 1 }] },
      ),
    ]);
    const { allocProfiles } = parseSessionText(text);
    expect(allocProfiles[0]!.nodes.map((n) => [n.id, n.parent])).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('keeps everything before a record cut short by a killed writer', () => {
    const snapshotLine = JSON.stringify({ type: 'snapshot', snapshot: { time: 2000 } });
    const text = lines([header]) + snapshotLine + '\n' + snapshotLine.slice(0, 20);
    const session = parseSessionText(text);
    expect(session.truncated).toBe(true);
    expect(session.snapshots).toHaveLength(1);
    expect(session.end).toBeNull();
  });

  it('names the line of a corrupt record in the middle', () => {
    const text = lines([header]) + '{"type":"snap\n' + lines([{ type: 'mark', time: 1, label: 'x' }]);
    expect(() => parseSessionText(text, 's.hyperscope')).toThrow('s.hyperscope: line 2 is not valid JSON');
  });

  it('rejects other files and other versions with one line', () => {
    expect(() => parseSessionText('hello\n')).toThrow(/not valid JSON/);
    expect(() => parseSessionText('{"type":"mark","time":1,"label":"x"}\n')).toThrow(/session header/);
    expect(() =>
      parseSessionText(JSON.stringify({ ...header, schema: 'hyperscope.session/9' }) + '\n'),
    ).toThrow(/unsupported schema/);
    expect(() => parseSessionText('')).toThrow(/empty/);
  });

  it('skips unknown record types from newer writers, with a warning', () => {
    const session = parseSessionText(lines([header]) + '{"type":"future-thing","x":1}\n');
    expect(session.warnings.join()).toMatch(/future-thing/);
  });
});
