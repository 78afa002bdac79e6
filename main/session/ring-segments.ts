/**
 * The segment files of a ring recording (`record --ring`): lines are appended to the newest segment in
 * a private directory; a new one starts every `segmentMs` (or past `capBytes`), and as it starts, the
 * segments whose last line is older than the ring's span are deleted. So the disk holds at most the span
 * plus one segment, and what is kept always covers at least the span (once the recording is that long).
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** One segment file. Times are ms since the epoch (the ring's clock). */
export interface Segment {
  readonly path: string;
  /** When its first line was written. */
  readonly openedAt: number;
  /** When its last line was written. */
  lastWriteAt: number;
  /** The earliest time its records other than profile windows name, or `openedAt` if earlier. */
  firstTime: number;
  /** Bytes written to it so far. */
  bytes: number;
  /** The profile windows written to it, where they lie in it. */
  windows: WindowRange[];
}

/** One profile window's lines (`profile-begin` … `profile-end`, or several written together) in a segment. */
export interface WindowRange {
  /** Byte offsets in the segment: `from` inclusive, `to` exclusive. */
  from: number;
  to: number;
  /** The earliest `startTime` of its profiles, ms since the epoch. */
  startTime: number;
}

export interface RingSegments {
  /**
   * Appends one line (with its newline). `time` is the time a record outside profile windows names, if
   * any. `mayRotate` false keeps it in the current segment (a profile window is being written).
   * Returns the segment and the offset the line was written at.
   */
  append(line: string, time: number | null, mayRotate: boolean): { segment: Segment; offset: number };
  /** The segments still on disk, oldest first. */
  kept(): readonly Segment[];
  /** Whether a segment was ever deleted (the file will not start where the recording did). */
  evictedAny(): boolean;
  /** Bytes in the segments on disk now. */
  diskBytes(): number;
  /** Closes the current segment's descriptor; no appends after it. */
  close(): void;
}

export interface RingSegmentsOptions {
  dir: string;
  /** The ring's span, ms. */
  spanMs: number;
  /** A new segment this often, ms. */
  segmentMs: number;
  /** A segment past this many bytes starts a new one at the next line that may rotate. */
  capBytes: number;
  now: () => number;
}

export function createRingSegments(options: RingSegmentsOptions): RingSegments {
  const { dir, spanMs, segmentMs, capBytes, now } = options;
  const segments: Segment[] = [];
  let fd: number | null = null;
  let count = 0;
  let evicted = false;
  let closed = false;

  const due = (current: Segment, at: number): boolean =>
    at - current.openedAt >= segmentMs || current.bytes >= capBytes;

  const start = (at: number): Segment => {
    if (fd !== null) closeSync(fd);
    // Older than the span once this one starts: nothing in them is within the last `spanMs`.
    while (segments.length > 0 && segments[0]!.lastWriteAt <= at - spanMs) {
      unlinkSync(segments.shift()!.path);
      evicted = true;
    }
    const path = join(dir, `segment-${String(++count).padStart(6, '0')}.ndjson`);
    fd = openSync(path, 'w', 0o600);
    const segment: Segment = { path, openedAt: at, lastWriteAt: at, firstTime: at, bytes: 0, windows: [] };
    segments.push(segment);
    return segment;
  };

  return {
    append(line, time, mayRotate) {
      if (closed) throw new Error('the ring has ended');
      const at = now();
      let current = segments.at(-1);
      if (!current || (mayRotate && due(current, at))) current = start(at);
      writeSync(fd!, line);
      const offset = current.bytes;
      current.bytes += Buffer.byteLength(line);
      current.lastWriteAt = at;
      if (time !== null && time < current.firstTime) current.firstTime = time;
      return { segment: current, offset };
    },
    kept: () => segments,
    evictedAny: () => evicted,
    diskBytes: () => segments.reduce((sum, s) => sum + s.bytes, 0),
    close() {
      if (closed) return;
      closed = true;
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
