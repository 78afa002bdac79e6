/**
 * Writes a ring recording out as one ordinary session file: its head (the header, the ring's event and
 * the records kept apart from eviction), then the segments in order. The segments are opened when the
 * assembly is planned, so a segment deleted by eviction (or the whole directory, at close) meanwhile is
 * still read to the length it had then; lines appended later are not part of this file.
 */
import { closeSync, fsyncSync, openSync, read, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Segment } from './ring-segments';

export interface RingAssembly {
  /** The lines that come before the segments, each with its newline. */
  head: string;
  /** Each kept segment, open for reading, and how many of its bytes belong to this file. */
  parts: { fd: number; bytes: number }[];
}

const CHUNK_BYTES = 1 << 20;
const readAsync = promisify(read);

/** Opens the segments as they are now; {@link writeAssembly} or {@link writeAssemblySync} close them. */
export function planAssembly(head: string, segments: readonly Segment[]): RingAssembly {
  const parts: RingAssembly['parts'] = [];
  try {
    for (const segment of segments) parts.push({ fd: openSync(segment.path, 'r'), bytes: segment.bytes });
  } catch (error) {
    release({ head, parts });
    throw error;
  }
  return { head, parts };
}

/** Writes the file at once (the recording has ended); returns its size in bytes. */
export function writeAssemblySync(assembly: RingAssembly, path: string): number {
  const out = openSync(path, 'w', 0o600);
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let total = 0;
  try {
    total += writeSync(out, assembly.head);
    for (const { fd, bytes } of assembly.parts) {
      for (let at = 0; at < bytes;) {
        const read = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, bytes - at), at);
        if (read === 0) break;
        total += writeSync(out, buffer, 0, read);
        at += read;
      }
    }
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
      for (const { fd, bytes } of assembly.parts) {
        for (let at = 0; at < bytes;) {
          const { bytesRead } = await readAsync(fd, buffer, 0, Math.min(CHUNK_BYTES, bytes - at), at);
          if (bytesRead === 0) break;
          total += (await out.write(buffer, 0, bytesRead)).bytesWritten;
          at += bytesRead;
        }
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
