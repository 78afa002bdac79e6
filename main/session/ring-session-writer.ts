/**
 * A {@link SessionWriter} for `record --ring SPAN`, like Go's flight recorder: it keeps only about the
 * last SPAN of a recording, in segment files (`ring-segments.ts`) in a private temp directory, and
 * writes them out as one ordinary session file when it is closed — or, while it records, with
 * `snapshotTo(path)` (SIGUSR2 in the CLI; the app's "save the last N minutes").
 *
 * Records that later records need survive eviction and are written first: `source` (a record of a
 * source needs its announcement before it), every `source-end` (a source without one would read as
 * recorded until the end, though it left, even when all its records were dropped) and `source-map`.
 * A profile window (profile-begin … profile-end) stays within one segment, so it is kept or dropped
 * whole: a part whose profile-begin was dropped would make the file unreadable.
 */
import { mkdtempSync, openSync, rmSync, closeSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDurationMs } from '../../core/units/duration';
import type { EventRecord, HeaderRecord, SessionRecord } from '../../core/session/records';
import type { RingAssembly } from './ring-assembly';
import { keptPart, planAssembly, writeAssembly, writeAssemblySync } from './ring-assembly';
import type { Segment } from './ring-segments';
import { createRingSegments } from './ring-segments';
import type { SessionWriter } from './session-writer';

// The CLI's --ring reads the shortest ring here; the bound itself is the UI's too (core).
export { MIN_RING_SPAN_MS } from '../../core/session/recording-bounds';

/** Segments are a tenth of the span, but not shorter than this, ms. */
const MIN_SEGMENT_MS = 2000;
/** A segment past this size starts a new one (between profile windows), bytes. */
const SEGMENT_CAP_BYTES = 64 << 20;
/** A profile window still open past this size is given up (its later parts dropped), bytes. */
const OPEN_WINDOW_CAP_BYTES = 4 * SEGMENT_CAP_BYTES;

export interface RingOptions {
  /** How much of the end of the recording to keep, at least, ms. */
  spanMs: number;
  /** A new segment this often, ms (default a tenth of the span, at least 2 s). */
  segmentMs?: number;
  /** A segment past this size starts a new one, bytes (default 64 MiB). */
  segmentCapBytes?: number;
  /** The clock, ms since the epoch (tests pass a fake one). */
  now?: () => number;
  /** Where the private segment directory is made (default the system's temp directory). */
  tmpRoot?: string;
}

/** What `snapshotTo` or `close` wrote. */
export interface RingSaved {
  path: string;
  /** Where the kept part starts (the file's `createdAt`), ms since the epoch. */
  keptFrom: number;
  /** How much of the recording the file holds: from `keptFrom` to when it was written, ms. */
  keptMs: number;
  /** Size of the file, bytes. */
  bytes: number;
}

export interface RingSessionWriter extends SessionWriter {
  readonly spanMs: number;
  /** The private directory of the segments (removed at close). */
  readonly dir: string;
  /** Writes the ring as it is now to a new file `path` and goes on recording. */
  snapshotTo(path: string): Promise<RingSaved>;
  /** Bytes in segment files now (what eviction bounds). */
  diskBytes(): number;
  /** What `close()` wrote; null before. */
  saved(): RingSaved | null;
}

export function isRingWriter(writer: SessionWriter): writer is RingSessionWriter {
  return 'snapshotTo' in writer;
}

/**
 * Starts a ring recording into `path`. The file gets the header and a note now (a wrong path fails at
 * once, and a killed recorder leaves a note saying where its segments are); it is rewritten at close.
 */
export function createRingSessionWriter(
  path: string,
  header: HeaderRecord,
  options: RingOptions,
): RingSessionWriter {
  const { spanMs } = options;
  const now = options.now ?? Date.now;
  const dir = mkdtempSync(join(options.tmpRoot ?? tmpdir(), 'hyperscope-ring-'));
  const capBytes = options.segmentCapBytes ?? SEGMENT_CAP_BYTES;
  const segments = createRingSegments({
    dir,
    spanMs,
    segmentMs: options.segmentMs ?? Math.max(MIN_SEGMENT_MS, spanMs / 10),
    capBytes,
    now,
  });
  const started = header.createdAt;
  const note = `ring recording of the last ${formatDurationMs(spanMs)} under way: its segments are in ${dir} until it ends`;
  try {
    writePlaceholder(path, [header, { type: 'event', time: started, level: 'info', message: note }]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  /** Records kept apart from eviction, as lines. */
  const survivors: string[] = [];
  /** Profiles begun and not yet ended, with the bytes written since the first began. */
  const open = new Set<string>();
  let openBytes = 0;
  /** Profiles given up while open: their later parts are dropped. */
  const abandoned = new Set<string>();
  /** Where the window being written began: its segment, offset and earliest start. */
  let window: { segment: Segment; from: number; startTime: number } | null = null;
  let closed = false;
  let result: RingSaved | null = null;

  const write = (record: SessionRecord): void => {
    if (closed || record.type === 'header') return;
    const line = JSON.stringify(record) + '\n';
    if (record.type === 'source' || record.type === 'source-end' || record.type === 'source-map') {
      survivors.push(line);
      return;
    }
    const id = 'id' in record && record.type.startsWith('profile-') ? record.id : null;
    if (id !== null && abandoned.has(id)) {
      if (record.type === 'profile-end') abandoned.delete(id);
      return;
    }
    if (open.size > 0 && openBytes > Math.max(capBytes, OPEN_WINDOW_CAP_BYTES)) {
      // Never seen in practice (a window is written in one go); bounded all the same.
      for (const stuck of open) abandoned.add(stuck);
      open.clear();
      window = null;
    }
    const { segment, offset } = segments.append(line, timeOf(record), open.size === 0);
    if (record.type === 'profile-begin') {
      if (open.size === 0) [openBytes, window] = [0, { segment, from: offset, startTime: record.startTime }];
      else if (window) window.startTime = Math.min(window.startTime, record.startTime);
      open.add(record.id);
    } else if (record.type === 'profile-end' && open.delete(record.id) && open.size === 0 && window) {
      const { from, startTime } = window;
      segment.windows.push({ from, to: segment.bytes, startTime });
      window = null;
    }
    if (open.size > 0) openBytes += line.length;
  };

  /** What the file written at `at` holds: its head's lines and the parts of the segments it keeps. */
  const assembly = (at: number): { keptFrom: number; plan: RingAssembly } => {
    const { keptFrom, pieces } = keptPart(segments.kept(), segments.evictedAny(), started);
    const lines = [
      JSON.stringify({ ...header, createdAt: keptFrom, ring: { spanMs, recordingStartedAt: started } }),
    ];
    if (keptFrom > started) {
      const event: EventRecord = {
        type: 'event',
        time: keptFrom,
        level: 'info',
        message: `ring: kept the last ${formatDurationMs(at - keptFrom)} of ${formatDurationMs(at - started)} (--ring ${formatDurationMs(spanMs)})`,
      };
      lines.push(JSON.stringify(event));
    }
    const head = lines.map((l) => l + '\n').join('') + survivors.join('');
    return { keptFrom, plan: planAssembly(head, pieces) };
  };

  return {
    path,
    spanMs,
    dir,
    write,
    writeAll(records) {
      for (const record of records) write(record);
    },
    async snapshotTo(target) {
      if (closed) throw new Error('the ring recording has ended');
      const at = now();
      const { keptFrom, plan } = assembly(at);
      const bytes = await writeAssembly(plan, target);
      return { path: target, keptFrom, keptMs: at - keptFrom, bytes };
    },
    diskBytes: () => segments.diskBytes(),
    saved: () => result,
    close() {
      if (closed) return;
      closed = true;
      segments.close();
      const at = now();
      let written: { keptFrom: number; bytes: number };
      try {
        const { keptFrom, plan } = assembly(at);
        written = { keptFrom, bytes: writeAssemblySync(plan, path) };
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`could not write ${path} (${why}); the ring's segments are kept in ${dir}`);
      }
      const { keptFrom, bytes } = written;
      result = { path, keptFrom, keptMs: at - keptFrom, bytes };
      // Only once the file is whole: until then the segments are the recording.
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The time a record outside profile windows names (windows are placed by `WindowRange`). */
function timeOf(record: SessionRecord): number | null {
  switch (record.type) {
    case 'snapshot':
      return record.snapshot.time;
    case 'event':
    case 'mark':
    case 'end':
      return record.time;
    default:
      return null;
  }
}

function writePlaceholder(path: string, records: SessionRecord[]): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    writeSync(fd, records.map((r) => JSON.stringify(r) + '\n').join(''));
  } finally {
    closeSync(fd);
  }
}
