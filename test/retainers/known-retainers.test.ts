// Issue 17's known retainers, each named from the recording's heap snapshots on every Node the project
// supports: a module-level Map, an array a timer's callback closes over, an EventEmitter's listeners and
// an array in a class instance (targets/known-retainers.cjs). Allocation sampling stays on, so the last
// snapshot is shown to come before the sampler lets go of the heap profiler (which renumbers objects).
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HeapGrowth } from '../../core/retainers/heap-growth';
import { holderLabel, holderPathText } from '../../core/retainers/holder-text';
import { buildReport } from '../../core/report/build-report';
import { launchTarget } from '../../main/inspector/launch';
import { startRecording } from '../../main/recorder/recorder';
import { DEFAULT_RECORDING_OPTIONS } from '../../main/recorder/recording-options';
import { keptSnapshotPath } from '../../main/retainers/recording-retainers';
import { readSessionFile } from '../../main/session/read-session-file';
import type { Report } from '../../core/report/report';
import { nodeBinary, type NodeMajor } from '../support/node-versions';
import { sessionRecordValidator } from '../support/session-schema';

const TARGET = fileURLToPath(new URL('./targets/known-retainers.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hyperscope-retainers-'));
const MAJORS: NodeMajor[] = [20, 22, 24, 26];

async function record(
  major: NodeMajor,
): Promise<{ growth: HeapGrowth; report: Report; output: string; pid: number }> {
  const target = await launchTarget(await nodeBinary(major), [TARGET]);
  const output = join(dir, `known-retainers-${major}.hyperscope`);
  const recording = await startRecording(
    target,
    {
      ...DEFAULT_RECORDING_OPTIONS,
      output,
      durationMs: 6000,
      cpu: false,
      retainers: true,
      keepSnapshots: major === 20,
    },
    'test',
  );
  expect((await recording.finished).reason).toBe('duration');
  const session = await readSessionFile(output);
  expect(session.heapGrowth).toHaveLength(1);
  return { growth: session.heapGrowth![0]!, report: buildReport(session), output, pid: target.pid };
}

const recorded = new Map<NodeMajor, Awaited<ReturnType<typeof record>>>();
beforeAll(async () => {
  for (const pair of [MAJORS.slice(0, 2), MAJORS.slice(2)]) {
    const results = await Promise.all(pair.map(record));
    pair.forEach((major, i) => recorded.set(major, results[i]!));
  }
}, 150_000);

describe.each(MAJORS)('retainers on Node %i', (major) => {
  const holder = (label: RegExp) =>
    recorded.get(major)!.growth.holders.find((h) => label.test(holderLabel(h)));

  it('names the module-level Map, with its file and the function whose scope holds it', () => {
    const cache = holder(/^Map invoiceCache \(targets\/invoice-cache\.cjs:3\)$/);
    expect(cache, recorded.get(major)!.growth.holders.map(holderLabel).join('\n')).toBeDefined();
    expect(cache!.kinds[0]!.kind).toBe('(string)');
    // One rendering in ten, 100 every 10 ms, for ~6 s: ~6,000 strings.
    expect(cache!.kinds[0]!.count).toBeGreaterThan(2000);
  });

  it('names the array a timer callback closes over, through the Timeout', () => {
    const retries = holder(/^Array pendingRetries \(targets\/known-retainers\.cjs:\d+\)$/);
    expect(retries).toBeDefined();
    expect(holderPathText(retries!)).toMatch(/Timeout → _onTimeout: function .*pendingRetries: Array$/);
  });

  it('names the listeners array of the EventEmitter, under its variable', () => {
    const listeners = holder(/^Array shipped/);
    expect(listeners).toBeDefined();
    expect(holderPathText(listeners!)).toMatch(
      /orderEvents: EventEmitter → _events: Object → shipped: Array$/,
    );
    expect(listeners!.kinds.map((k) => k.kind)).toContain('(closure)');
  });

  it('names the array inside the class instance', () => {
    const entries = holder(/^Array entries$/);
    expect(entries).toBeDefined();
    expect(holderPathText(entries!)).toMatch(/auditLog: AuditLog → entries: Array$/);
  });

  it('reports the growth as a finding whose advice names the holder, and in the report', () => {
    const { report, growth } = recorded.get(major)!;
    expect(growth.last.bytes).toBeGreaterThan(growth.first.bytes);
    expect(growth.first.pauseMs).toBeGreaterThan(0);
    const finding = report.findings.find((f) => (f.evidence.holders?.length ?? 0) > 0);
    expect(finding, report.findings.map((f) => f.title).join('\n')).toBeDefined();
    expect(finding!.advice).toMatch(/^(Map invoiceCache|Array (pendingRetries|shipped|entries))/);
    expect(report.heapGrowth?.holders.length).toBeGreaterThanOrEqual(4);
    // What made it, from the sampling: the top function of the still-alive table, when its windows sampled
    // any (a 6 s recording's still-alive window is short).
    const topAlive = report.allocations?.topAlive[0];
    if (topAlive && topAlive.flatPercent >= 5)
      expect(report.heapGrowth?.allocatedBy[0]?.frame.functionName).toBe(topAlive.frame.functionName);
    else expect(report.heapGrowth?.allocatedBy).toEqual([]);
  });
});

it('writes a heap-growth record the documented schema accepts', () => {
  const validate = sessionRecordValidator();
  const lines = readFileSync(recorded.get(26)!.output, 'utf8').split('\n').filter(Boolean);
  const record = lines
    .map((line) => JSON.parse(line) as { type: string })
    .find((r) => r.type === 'heap-growth');
  expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
});

it('keeps the raw snapshots beside the session when asked, and not otherwise', () => {
  const kept = keptSnapshotPath(recorded.get(20)!.output, 1, recorded.get(20)!.pid);
  expect(statSync(kept).size).toBeGreaterThan(1e6);
  expect(existsSync(keptSnapshotPath(recorded.get(20)!.output, 2, recorded.get(20)!.pid))).toBe(true);
  expect(existsSync(keptSnapshotPath(recorded.get(22)!.output, 1, recorded.get(22)!.pid))).toBe(false);
});
