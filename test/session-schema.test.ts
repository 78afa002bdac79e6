// The JSON Schema in docs/ is the documented contract: every record our writer produces must match it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSession } from '../core/findings/test-support/session-builder';
import { allocProfileRecords, cpuProfileRecords } from '../core/session/profile-records';
import type { SessionRecord } from '../core/session/records';
import { createSessionWriter } from '../main/session/session-writer';
import { sourceWriter } from '../main/session/source-writer';
import { EXTENSIONS_FIXTURE_TEXT, FIXTURE_TEXT, recordsOf } from './fuzz/support/session-mutations';
import { sessionRecordValidator } from './support/session-schema';

describe('docs/session-format.schema.json', () => {
  const validate = sessionRecordValidator();
  const callFrame = { functionName: 'f', scriptId: '1', url: 'a.js', lineNumber: 0, columnNumber: 0 };

  it('accepts profile records as the writer makes them', () => {
    const records: SessionRecord[] = [
      ...cpuProfileRecords(
        { id: 'c', startTime: 1, endTime: 2, samplingInterval: 1000 },
        { nodes: [{ id: 1, callFrame }], startTime: 0, endTime: 1, samples: [1], timeDeltas: [3] },
      ),
      ...allocProfileRecords(
        { id: 'a', startTime: 1, endTime: 2, samplingInterval: 32768, includesCollected: true },
        {
          head: { id: 1, selfSize: 0, callFrame, children: [] },
          samples: [{ size: 10, nodeId: 1, ordinal: 1 }],
        },
      ),
    ];
    for (const record of records) expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['short.hyperscope', FIXTURE_TEXT],
    ['extensions.hyperscope', EXTENSIONS_FIXTURE_TEXT],
  ])(
    'accepts every record of a real recording (test/fuzz/fixtures/%s), extension sections included',
    (_name, text) => {
      for (const [index, record] of recordsOf(text).entries()) {
        expect(validate(record), `line ${index + 1}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    },
  );

  it('checks the fields of the tls, undici and promises sections, and lets unknown sections be', () => {
    const records = recordsOf(EXTENSIONS_FIXTURE_TEXT) as Record<string, unknown>[];
    type Sections = Record<string, Record<string, unknown[]>>;
    const sectionsOf = (record: Record<string, unknown>) =>
      (record.snapshot as { extensions: Sections }).extensions;
    const withSection = (key: string, list: string) =>
      records.find((r) => r.type === 'snapshot' && (sectionsOf(r)[key]?.[list]?.length ?? 0) > 0)!;
    const broken = (key: string, list: string, field: string, value: unknown) => {
      const record = structuredClone(withSection(key, list));
      (sectionsOf(record)[key]![list]![0] as Record<string, unknown>)[field] = value;
      return record;
    };
    expect(validate(broken('tls', 'hosts', 'side', 'sideways'))).toBe(false);
    expect(validate(broken('tls', 'pending', 'frames', [{ line: 1 }]))).toBe(false);
    expect(validate(broken('undici', 'stats', 'connected', -1))).toBe(false);
    expect(validate(broken('promises', 'groups', 'waits', [{ reason: { kind: 'vibes' }, count: 1 }]))).toBe(
      false,
    );
    const unknown = structuredClone(withSection('tls', 'hosts'));
    sectionsOf(unknown)['from-a-newer-agent'] = { anything: [1, 'two'] } as unknown as Record<
      string,
      unknown[]
    >;
    expect(validate(unknown)).toBe(true);
  });

  it('accepts a session of several processes and threads as the writers make it', () => {
    // The primary's file, a worker and one of its threads writing through their source writers (the
    // real recording of a cluster is checked in test/deployments/cluster-report.test.ts).
    const [snapshot] = buildSession({ snapshots: 1 }).snapshots;
    const { header } = buildSession({ snapshots: 1 });
    const path = join(mkdtempSync(join(tmpdir(), 'hyperscope-schema-')), 'cluster.hyperscope');
    const file = createSessionWriter(path, header);
    const source = { type: 'source', kind: 'process', pid: 43, threadId: 0, nodeVersion: 'v22.1.0' } as const;
    file.write({ ...source, id: 'p43', label: 'worker 1 of 1', argv: ['node', 'server.js'], time: 2 });
    const thread = { ...source, id: 'p43.t1', kind: 'thread', threadId: 1, parent: 'p43' } as const;
    file.write({ ...thread, label: 'thread 1 (resize.js)', argv: ['resize.js'], time: 3 });
    for (const id of ['p43', 'p43.t1']) {
      const writer = sourceWriter(file, id);
      writer.write(header);
      writer.write({ type: 'snapshot', snapshot: snapshot! });
      writer.write({ type: 'event', time: 4, level: 'warning', message: 'slow collection' });
      writer.writeAll(
        cpuProfileRecords(
          { id: 'cpu-1', startTime: 1, endTime: 2, samplingInterval: 1000 },
          { nodes: [{ id: 1, callFrame }], startTime: 0, endTime: 1, samples: [1], timeDeltas: [3] },
        ),
      );
    }
    sourceWriter(file, 'p43.t1').write({ type: 'end', time: 5, reason: 'target-exited' });
    file.write({ type: 'end', time: 6, reason: 'duration' });
    file.close();
    const records = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SessionRecord);
    expect(records.map((r) => r.type)).toContain('source-end');
    for (const [index, record] of records.entries())
      expect(validate(record), `line ${index + 1}: ${JSON.stringify(validate.errors)}`).toBe(true);
    expect(validate({ type: 'source-end', source: 'p43', time: 1, reason: 'bored' })).toBe(false);
    expect(
      validate({
        type: 'source',
        id: 'p1',
        kind: 'fiber',
        pid: 1,
        threadId: 0,
        label: '',
        nodeVersion: '',
        argv: [],
        time: 1,
      }),
    ).toBe(false);
    expect(validate({ type: 'snapshot', snapshot, source: '' })).toBe(false);
  });

  it('rejects records with wrong types', () => {
    expect(validate({ type: 'mark', time: 'yesterday', label: 'x' })).toBe(false);
    expect(validate({ type: 'end', time: 1, reason: 'bored' })).toBe(false);
  });
});
