import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSessionText } from '../../core/session/session-assembler';
import { sessionParts } from '../../core/session/session-parts';
import type { HeaderRecord, SessionRecord } from '../../core/session/records';
import { SESSION_SCHEMA } from '../../core/session/records';
import { createSessionWriter } from './session-writer';
import { sourceWriter } from './source-writer';

const header: HeaderRecord = {
  type: 'header',
  schema: SESSION_SCHEMA,
  hyperscope: 'test',
  createdAt: 1_000,
  target: { pid: 10, nodeVersion: 'v20.20.2', argv: ['node', 'primary.js'], attachedBy: 'pid' },
  options: { intervalMs: 1000, durationMs: null, cpu: true, heap: false, promises: false },
};

/** The records one window of a CPU profile streams, as the sampler writes them (id `cpu-1`). */
const cpuWindow = (startTime: number): SessionRecord[] => [
  {
    type: 'profile-begin',
    id: 'cpu-1',
    kind: 'cpu',
    startTime,
    endTime: startTime + 5,
    samplingInterval: 1000,
  },
  {
    type: 'profile-cpu-nodes',
    id: 'cpu-1',
    nodes: [
      {
        id: 1,
        callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
      },
    ],
  },
  { type: 'profile-cpu-samples', id: 'cpu-1', samples: [1], timeDeltas: [0] },
  { type: 'profile-end', id: 'cpu-1' },
];

function writeTwoSources(endReason: 'target-exited' | 'duration'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'source-writer-')), 's.hyperscope');
  const file = createSessionWriter(path, header);
  file.write({
    type: 'source',
    id: 'p11',
    kind: 'process',
    pid: 11,
    threadId: 0,
    label: 'worker 1 of 1',
    nodeVersion: 'v20.20.2',
    argv: ['node', 'primary.js'],
    time: 1_001,
  });
  const worker = sourceWriter(file, 'p11');
  worker.write(header);
  // Both write a profile with the same id, as two samplers of their own do.
  file.writeAll(cpuWindow(1_000));
  worker.writeAll(cpuWindow(1_002));
  worker.write({ type: 'event', time: 1_003, level: 'info', message: 'from the worker' });
  worker.write({ type: 'end', time: 1_004, reason: endReason });
  worker.close();
  file.write({ type: 'end', time: 1_005, reason: 'duration' });
  file.close();
  return readFileSync(path, 'utf8');
}

describe('sourceWriter', () => {
  it('tags a source’s records so that they read back as its own part, profile ids kept apart', () => {
    const session = parseSessionText(writeTwoSources('target-exited'));
    expect(session.cpuProfiles.map((p) => p.meta.startTime)).toEqual([1_000]);
    expect(session.events).toEqual([]);
    const [worker] = session.sources;
    expect(worker?.info.label).toBe('worker 1 of 1');
    expect(worker?.cpuProfiles.map((p) => [p.meta.id, p.meta.startTime])).toEqual([['p11/cpu-1', 1_002]]);
    expect(worker?.events.map((e) => e.message)).toEqual(['from the worker']);
    expect(worker?.end).toMatchObject({ reason: 'exited', time: 1_004 });
    expect(session.end?.time).toBe(1_005);
    const parts = sessionParts(session);
    expect(parts.map((p) => [p.id, p.label, p.pid])).toEqual([
      ['main', 'primary (pid 10)', 10],
      ['p11', 'worker 1 of 1', 11],
    ]);
    expect(parts[1]?.session.end?.reason).toBe('target-exited');
  });

  it('writes no header of its own, and no source-end for a source stopped with the session', () => {
    const text = writeTwoSources('duration');
    expect(text.match(/"type":"header"/g)).toHaveLength(1);
    expect(text).not.toContain('source-end');
    expect(parseSessionText(text).sources[0]?.end).toBeNull();
  });
});
