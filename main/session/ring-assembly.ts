/**
 * Writes a ring recording out as one ordinary session file: its head (the header, the ring's event and
 * the records kept apart from eviction), then the kept segments in order. The segments are opened when
 * the assembly is planned, so a segment deleted by eviction (or the whole directory, at close) meanwhile
 * is still read as it was then; lines appended later are not part of this file.
 */
import { closeSync, fsyncSync, openSync, read, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Segment } from './ring-segments';

/** Byte ranges of one segment file to copy, in order: `[from, to)`. */
export interface SegmentPiece {
  path: string;
  ranges: [number, number][];
}

export interface RingAssembly {
  /** The lines that come before the segments, each with its newline. */
  head: string;
  /** Each kept segment, open for reading, and the ranges of it that belong to this file. */
  parts: { fd: number; ranges: [number, number][] }[];
}

/**
 * What of `segments` the file keeps, and where it starts. Once something was dropped, the file starts
 * where its first segment does: profile windows that began earlier (they cover time the ring dropped;
 * a window is written when it ends) are left out whole, so that nothing in the file is older than it.
 */
export function keptPart(
  segments: readonly Segment[],
  evicted: boolean,
  startedAt: number,
): { keptFrom: number; pieces: SegmentPiece[] } {
  const first = segments[0];
  if (!first || !evicted)
    return { keptFrom: startedAt, pieces: segments.map((s) => ({ path: s.path, ranges: [[0, s.bytes]] })) };
  const cut = first.openedAt;
  const pieces = segments.map((segment): SegmentPiece => {
    const ranges: [number, number][] = [];
    let at = 0;
    for (const window of segment.windows) {
      if (window.startTime >= cut) continue;
      if (window.from > at) ranges.push([at, window.from]);
      at = window.to;
    }
    if (segment.bytes > at) ranges.push([at, segment.bytes]);
    return { path: segment.path, ranges };
  });
  return { keptFrom: first.firstTime, pieces };
}

const CHUNK_BYTES = 1 << 20;
const readAsync = promisify(read);

/** Opens the pieces' files; {@link writeAssembly} or {@link writeAssemblySync} close them. */
export function planAssembly(head: string, pieces: readonly SegmentPiece[]): RingAssembly {
  const assembly: RingAssembly = { head, parts: [] };
  try {
    for (const { path, ranges } of pieces) assembly.parts.push({ fd: openSync(path, 'r'), ranges });
  } catch (error) {
    release(assembly);
    throw error;
  }
  return assembly;
}

/** The reads that copy the assembly's ranges, in order: a file, where, and at most `CHUNK_BYTES`. */
function* chunks(assembly: RingAssembly): Generator<{ fd: number; position: number; length: number }> {
  for (const { fd, ranges } of assembly.parts)
    for (const [from, to] of ranges)
      for (let position = from; position < to; position += CHUNK_BYTES)
        yield { fd, position, length: Math.min(CHUNK_BYTES, to - position) };
}

/** Writes the file at once (the recording has ended); returns its size in bytes. */
export function writeAssemblySync(assembly: RingAssembly, path: string): number {
  const out = openSync(path, 'w', 0o600);
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let total = 0;
  try {
    total += writeSync(out, assembly.head);
    for (const { fd, position, length } of chunks(assembly))
      total += writeSync(out, buffer, 0, readSync(fd, buffer, 0, length, position));
    fsyncSync(out);
  } finally {
    closeSync(out);
    release(assembly);
  }
  return total;
}

/** Writes the file without holding the event loop (the recording goes on); resolves with its size. */
export async function writeAssembly(assembly: RingAssembly, path: string): Promise<number> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let total = 0;
  try {
    const out = await open(path, 'w', 0o600);
    try {
      total += (await out.write(assembly.head)).bytesWritten;
      for (const { fd, position, length } of chunks(assembly)) {
        const { bytesRead } = await readAsync(fd, buffer, 0, length, position);
        total += (await out.write(buffer, 0, bytesRead)).bytesWritten;
      }
      await out.sync();
    } finally {
      await out.close();
    }
  } finally {
    release(assembly);
  }
  return total;
}

function release(assembly: RingAssembly): void {
  for (const { fd } of assembly.parts) closeSync(fd);
  assembly.parts = [];
}
