// The JSON Schema in docs/ is the documented contract: every record our writer produces must match it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocProfileRecords, cpuProfileRecords } from '../core/session/profile-records';
import type { SessionRecord } from '../core/session/records';
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

  it.each(['short.hyperscope', 'extensions.hyperscope'])(
    'accepts every record of a real recording (test/fuzz/fixtures/%s), extension sections included',
    (name) => {
      const lines = readFileSync(new URL(`./fuzz/fixtures/${name}`, import.meta.url), 'utf8')
        .trimEnd()
        .split('\n');
      for (const [index, line] of lines.entries()) {
        expect(validate(JSON.parse(line)), `line ${index + 1}: ${JSON.stringify(validate.errors)}`).toBe(
          true,
        );
      }
    },
  );

  it('checks the fields of the tls, undici and promises sections, and lets unknown sections be', () => {
    const text = readFileSync(new URL('./fuzz/fixtures/extensions.hyperscope', import.meta.url), 'utf8');
    const records = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
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

  it('rejects records with wrong types', () => {
    expect(validate({ type: 'mark', time: 'yesterday', label: 'x' })).toBe(false);
    expect(validate({ type: 'end', time: 1, reason: 'bored' })).toBe(false);
  });
});
