// The ring writer with a fake clock: what it keeps, what it drops, and that its files read as sessions.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSession } from '../../core/findings/test-support/session-builder';
import { cpuProfileRecords } from '../../core/session/profile-records';
import type { SessionRecord } from '../../core/session/records';
import { parseSessionText } from '../../core/session/session-assembler';
import type { Session } from '../../core/session/session';
import { sessionRecordValidator } from '../../test/support/session-schema';
import type { RingOptions } from './ring-session-writer';
import { createRingSessionWriter } from './ring-session-writer';

const root = mkdtempSync(join(tmpdir(), 'hyperscope-ring-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const template = buildSession({ snapshots: 1 });
const T0 = template.header.createdAt;
const [snapshot] = template.snapshots;
const callFrame = { functionName: 'f', scriptId: '1', url: 'a.js', lineNumber: 0, columnNumber: 0 };
const validate = sessionRecordValidator();

/** A ring over a fake clock; `at(s)` moves the clock to T0 + s seconds. */
function ringOf(name: string, options: Omit<RingOptions, 'now' | 'tmpRoot'>) {
  let clock = T0;
  const path = join(root, `${name}.hyperscope`);
  const writer = createRingSessionWriter(path, template.header, {
    ...options,
    now: () => clock,
    tmpRoot: root,
  });
  return { writer, path, at: (seconds: number) => (clock = T0 + seconds * 1000) };
}

const snapshotAt = (ms: number, source?: string): SessionRecord => ({
  type: 'snapshot',
  snapshot: { ...snapshot!, time: ms },
  ...(source ? { source } : {}),
});

/** One 5 s CPU window ending at `endMs`, written as the sampler writes it; `samples` makes it large. */
const cpuWindow = (id: string, endMs: number, samples = 3): SessionRecord[] => [
  ...cpuProfileRecords(
    { id, startTime: endMs - 5000, endTime: endMs, samplingInterval: 1000 },
    {
      nodes: [{ id: 1, callFrame }],
      startTime: 0,
      endTime: 1,
      samples: Array.from({ length: samples }, () => 1),
      timeDeltas: Array.from({ length: samples }, () => 1000),
    },
  ),
];

/** Records `seconds` of a service: a snapshot a second, a CPU window every 5 s. */
function record(ring: ReturnType<typeof ringOf>, from: number, to: number): void {
  for (let s = from; s <= to; s++) {
    ring.at(s);
    ring.writer.write(snapshotAt(T0 + s * 1000));
    if (s > 0 && s % 5 === 0) ring.writer.writeAll(cpuWindow(`cpu-${s / 5}`, T0 + s * 1000, 2500));
  }
}

function readChecked(path: string): { session: Session; records: SessionRecord[] } {
  const text = readFileSync(path, 'utf8');
  const records = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as SessionRecord);
  for (const [index, r] of records.entries())
    expect(validate(r), `line ${index + 1}: ${JSON.stringify(validate.errors)}`).toBe(true);
  return { session: parseSessionText(text), records };
}

describe('ring session writer', () => {
  it('keeps the last span with whole profile windows and the records that must survive', () => {
    const ring = ringOf('kept', { spanMs: 10_000 });
    ring.writer.write({
      type: 'source',
      id: 'p7',
      kind: 'process',
      pid: 7,
      threadId: 0,
      label: 'worker 1 of 1',
      nodeVersion: 'v20.20.0',
      argv: ['node', 'w.js'],
      time: T0,
    });
    ring.writer.write(snapshotAt(T0 + 500, 'p7'));
    ring.writer.write({ type: 'source-end', source: 'p7', time: T0 + 3000, reason: 'exited' });
    record(ring, 0, 40);
    ring.writer.write({
      type: 'source-map',
      url: 'a.js',
      map: { version: 3, sources: [], names: [], mappings: '' },
    });
    ring.writer.write({ type: 'end', time: T0 + 40_000, reason: 'interrupted' });
    expect(readdirSync(ring.writer.dir).length).toBeLessThanOrEqual(7);
    ring.writer.close();

    expect(existsSync(ring.writer.dir)).toBe(false);
    const { session, records } = readChecked(ring.path);
    expect(session.warnings).toEqual([]);
    expect(session.header.ring).toEqual({ spanMs: 10_000, recordingStartedAt: T0 });
    // The span, give or take a segment (2 s). The file starts with its first segment; the window
    // written there (cpu-6, 25-30 s) covered dropped time, so it went whole.
    const first = session.snapshots[0]!.time - T0;
    expect(first).toBeGreaterThanOrEqual(28_000);
    expect(first).toBeLessThanOrEqual(31_000);
    expect(session.header.createdAt).toBe(session.snapshots[0]!.time);
    expect(session.cpuProfiles.map((p) => p.meta.id)).toEqual(['cpu-7', 'cpu-8']);
    expect(session.cpuProfiles.every((p) => p.profile.samples!.length === 2500)).toBe(true);
    expect(session.end?.reason).toBe('interrupted');
    // The source and its end survive though its snapshot was dropped; the map too, and they come first.
    expect(session.sources[0]!.end?.reason).toBe('exited');
    expect(session.sources[0]!.snapshots).toEqual([]);
    expect(session.sourceMaps?.has('a.js')).toBe(true);
    expect(records.slice(0, 5).map((r) => r.type)).toEqual([
      'header',
      'event',
      'source',
      'source-end',
      'source-map',
    ]);
    expect((records[1] as { message: string }).message).toMatch(/^ring: kept the last 1\d s of 40 s/);
  });

  it('keeps everything, with the header as it was, while the recording is shorter than the span', () => {
    const ring = ringOf('short', { spanMs: 60_000 });
    record(ring, 0, 12);
    ring.writer.close();
    const { session, records } = readChecked(ring.path);
    expect(session.header.createdAt).toBe(T0);
    expect(session.snapshots).toHaveLength(13);
    expect(records.filter((r) => r.type === 'event')).toEqual([]);
  });

  it('bounds the disk to the span and one segment, and cuts big segments between windows', () => {
    const ring = ringOf('bounded', { spanMs: 10_000, segmentCapBytes: 1024 });
    const { writer } = ring;
    /** Bytes written at each second. */
    const written: number[] = [];
    const { write, writeAll } = writer;
    const size = (r: SessionRecord): number => JSON.stringify(r).length + 1;
    writer.write = (r) => ((written[written.length - 1]! += size(r)), write(r));
    writer.writeAll = (rs) => {
      const list = [...rs];
      written[written.length - 1]! += list.reduce((n, r) => n + size(r), 0);
      writeAll(list);
    };
    let mostFiles = 0;
    for (let s = 0; s <= 120; s++) {
      written.push(0);
      record(ring, s, s);
      // The segments hold only what was written within the span and one segment (2 s) of now.
      const recent = written.slice(-12).reduce((n, b) => n + b, 0);
      expect(writer.diskBytes()).toBeLessThanOrEqual(recent);
      mostFiles = Math.max(mostFiles, readdirSync(writer.dir).length);
    }
    // By time a segment is 2 s; the 1 KiB cap cut one a second, each window (~18 KiB) still whole.
    expect(mostFiles).toBeGreaterThanOrEqual(10);
    writer.close();
    const { session } = readChecked(ring.path);
    expect(session.warnings).toEqual([]);
    expect(session.cpuProfiles.length).toBeGreaterThanOrEqual(1);
    expect(session.cpuProfiles.every((p) => p.profile.samples!.length === 2500)).toBe(true);
    expect(session.cpuProfiles.every((p) => p.meta.startTime >= session.header.createdAt)).toBe(true);
  });

  it('snapshotTo writes the ring as it is now and the recording goes on', async () => {
    const ring = ringOf('snap', { spanMs: 10_000 });
    record(ring, 0, 30);
    const copy = join(root, 'snap-copy.hyperscope');
    const saving = ring.writer.snapshotTo(copy);
    // Eviction and new lines while it copies: the copy is the ring as it was when asked.
    record(ring, 31, 60);
    const saved = await saving;
    const { session } = readChecked(copy);
    expect(saved.bytes).toBe(readFileSync(copy).length);
    expect(session.end).toBeNull();
    expect(session.warnings).toEqual([]);
    expect(session.snapshots.at(-1)!.time).toBe(T0 + 30_000);
    expect(session.header.createdAt).toBe(saved.keptFrom);
    expect(saved.keptFrom - T0).toBeGreaterThanOrEqual(13_000);
    ring.writer.write({ type: 'end', time: T0 + 60_000, reason: 'duration' });
    ring.writer.close();
    expect(readChecked(ring.path).session.snapshots.at(-1)!.time).toBe(T0 + 60_000);
    await expect(ring.writer.snapshotTo(copy)).rejects.toThrow(/ended/);
  });

  it('keeps the segments and says where when the file cannot be written at close', () => {
    mkdirSync(join(root, 'gone'));
    const ring = ringOf('gone/lost', { spanMs: 10_000 });
    record(ring, 0, 20);
    rmSync(join(root, 'gone'), { recursive: true });
    expect(() => ring.writer.close()).toThrow(`the ring's segments are kept in ${ring.writer.dir}`);
    expect(readdirSync(ring.writer.dir).length).toBeGreaterThan(0);
  });
});
