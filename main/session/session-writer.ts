/**
 * Appends session records to a file as they happen. Each record is one `write` of one line, so a
 * killed recorder (or target) leaves a file that reads up to its last complete record.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { HeaderRecord, SessionRecord } from '../../core/session/records';

export interface SessionWriter {
  readonly path: string;
  /** Appends one record. Throws only on I/O errors (disk full, …). */
  write(record: SessionRecord): void;
  /** Appends many records (a streamed profile), one line each. */
  writeAll(records: Iterable<SessionRecord>): void;
  /** Flushes to disk and closes; later writes are ignored. */
  close(): void;
}

/** Creates (or truncates) `path` and writes the header first. */
export function createSessionWriter(path: string, header: HeaderRecord): SessionWriter {
  const fd = openSync(path, 'w', 0o600);
  let closed = false;
  const write = (record: SessionRecord): void => {
    if (closed) return;
    writeSync(fd, JSON.stringify(record) + '\n');
  };
  write(header);
  return {
    path,
    write,
    writeAll(records) {
      for (const record of records) write(record);
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}
