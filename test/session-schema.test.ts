// The JSON Schema in docs/ is the documented contract: every record our writer produces must match it.
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

  it('rejects records with wrong types', () => {
    expect(validate({ type: 'mark', time: 'yesterday', label: 'x' })).toBe(false);
    expect(validate({ type: 'end', time: 1, reason: 'bored' })).toBe(false);
  });
});
