import { describe, expect, it } from 'vitest';
import { parseSessionText } from './session-assembler';
import { cpuProfileRecords, allocProfileRecords } from './profile-records';
import type { AgentSnapshot } from '../agent-protocol';
import type { HeaderRecord, SessionRecord, SourceRecord } from './records';

const header: HeaderRecord = {
  type: 'header',
  schema: 'hyperscope.session/1',
  hyperscope: 'test',
  createdAt: 1000,
  target: { pid: 1, nodeVersion: 'v20.0.0', argv: ['node'], attachedBy: 'pid' },
  options: { intervalMs: 1000, durationMs: null, cpu: true, heap: false, promises: false },
};
/** The smallest snapshot the reader accepts: every core section, all zero. */
function snapshotAt(time: number): AgentSnapshot {
  const states = { connecting: 0, open: 0, idle: 0, destroyedReferenced: 0 };
  return {
    time,
    resources: {},
    sockets: { ...states, total: 0 },
    peers: [],
    pools: [],
    fds: { open: null, limit: null },
    eventLoop: { delayP50Ms: 0, delayP99Ms: 0, delayMaxMs: 0, utilization: 0 },
    memory: { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 },
    http: { inFlight: 0, completed: 0, errors: 0 },
    agent: { collectCpuMs: 0, dropped: {} },
  };
}

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
    const snapshotLine = JSON.stringify({ type: 'snapshot', snapshot: snapshotAt(2000) });
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
  it('refuses records whose fields have the wrong type, naming the field', () => {
    const bad = { type: 'snapshot', snapshot: { ...snapshotAt(1), pools: [null] } };
    expect(() => parseSessionText(lines([header]) + JSON.stringify(bad) + '\n')).toThrow(
      'line 2: "snapshot" record has a missing or wrong "snapshot.pools.0"',
    );
    const nodes = { type: 'profile-cpu-nodes', id: 'c', nodes: [{ id: 1, callFrame: { functionName: 1 } }] };
    expect(() => parseSessionText(lines([header]) + JSON.stringify(nodes) + '\n')).toThrow(
      /nodes\.0\.callFrame/,
    );
    expect(() =>
      parseSessionText(JSON.stringify({ ...header, target: { ...header.target, argv: 'node' } }) + '\n'),
    ).toThrow(/target\.argv/);
  });

  it('keeps hostile keys out of its one-line messages and skips inherited names as types', () => {
    const hostile = {
      type: 'snapshot',
      snapshot: { ...snapshotAt(1), resources: { 'a\n\u001b[31mb': 'x' } },
    };
    const message = (() => {
      try {
        parseSessionText(lines([header]) + JSON.stringify(hostile) + '\n');
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/snapshot\.resources\.a\\n\\u001b\[31mb/);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(String.fromCharCode(27));
    const session = parseSessionText(lines([header]) + '{"type":"constructor"}\n{"type":"__proto__"}\n');
    expect(session.warnings.join()).toMatch(/constructor/);
  });

  it('refuses a line nested deeper than any record', () => {
    const deep = '{"type":"mark","time":1,"label":"x","extra":' + '['.repeat(200) + ']'.repeat(200) + '}';
    expect(() => parseSessionText(lines([header]) + deep + '\n')).toThrow(
      /line 2 nests deeper than 64 levels/,
    );
  });

  describe('several processes and threads', () => {
    const worker: SourceRecord = {
      type: 'source',
      id: 'p43',
      kind: 'process',
      pid: 43,
      threadId: 0,
      label: 'worker 1 of 2',
      nodeVersion: 'v22.1.0',
      argv: ['node', 'server.js'],
      time: 1500,
    };
    const thread: SourceRecord = {
      ...worker,
      id: 'p43.t1',
      kind: 'thread',
      threadId: 1,
      parent: 'p43',
      label: 'thread 1 (resize.js)',
    };
    const cpu = (id: string, source?: string): SessionRecord[] => [
      ...cpuProfileRecords(
        { id, startTime: 2000, endTime: 3000, samplingInterval: 1000, ...(source ? { source } : {}) },
        {
          nodes: [
            {
              id: 1,
              callFrame: { functionName: id, scriptId: '1', url: 'a.js', lineNumber: 0, columnNumber: 0 },
            },
          ],
          startTime: 0,
          endTime: 1,
          samples: [1],
          timeDeltas: [1],
        },
      ),
    ];

    it("keeps each source's snapshots, events, end and profiles apart from the header's target", () => {
      const session = parseSessionText(
        lines([
          header,
          { type: 'snapshot', snapshot: snapshotAt(2000) },
          worker,
          thread,
          { type: 'snapshot', snapshot: snapshotAt(2100), source: 'p43' },
          { type: 'snapshot', snapshot: snapshotAt(2050), source: 'p43' },
          { type: 'snapshot', snapshot: snapshotAt(2200), source: 'p43.t1' },
          { type: 'event', time: 2300, level: 'warning', message: 'slow', source: 'p43.t1' },
          ...cpu('cpu1'),
          ...cpu('p43/cpu1', 'p43'),
          { type: 'source-end', source: 'p43.t1', time: 2500, reason: 'exited' },
          { type: 'end', time: 3000, reason: 'duration' },
        ]),
      );
      expect(session.snapshots.map((s) => s.time)).toEqual([2000]);
      expect(session.events).toEqual([]);
      expect(session.cpuProfiles.map((w) => w.meta.id)).toEqual(['cpu1']);
      const [p43, t1] = session.sources;
      expect(session.sources.map((s) => s.info.id)).toEqual(['p43', 'p43.t1']);
      expect(p43!.snapshots.map((s) => s.time)).toEqual([2050, 2100]);
      expect(p43!.cpuProfiles.map((w) => w.meta.id)).toEqual(['p43/cpu1']);
      expect(p43!.cpuProfiles[0]!.profile.nodes[0]!.callFrame.functionName).toBe('p43/cpu1');
      expect(p43!.end).toBeNull();
      expect(t1!.info).toEqual(thread);
      expect(t1!.snapshots).toHaveLength(1);
      expect(t1!.events.map((e) => e.message)).toEqual(['slow']);
      expect(t1!.end).toMatchObject({ reason: 'exited', time: 2500 });
      expect(t1!.cpuProfiles).toEqual([]);
    });

    it('refuses a record naming a source it was not told of, in one line', () => {
      const bad = (record: SessionRecord) => () => parseSessionText(lines([header, worker, record]), 's.hs');
      expect(bad({ type: 'snapshot', snapshot: snapshotAt(2000), source: 'p99' })).toThrow(
        /^s\.hs: line 3: record of source "p99" before its source record$/,
      );
      expect(bad({ type: 'event', time: 1, level: 'info', message: 'x', source: 'p99' })).toThrow(/"p99"/);
      expect(bad(cpu('p99/c', 'p99')[0]!)).toThrow(/line 3: .*"p99"/);
      expect(bad({ type: 'source-end', source: 'p99', time: 1, reason: 'lost' })).toThrow(
        'line 3: source-end of unknown source "p99"',
      );
      expect(bad(worker)).toThrow('line 3: a second source record "p43"');
    });
  });
});
