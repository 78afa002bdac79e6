/**
 * What a session file is made of (`long-recording.ts`): lines and bytes per record type, in the whole
 * file and in the second and last quarters of the recording — where it grows, if its growth is not steady.
 * A record's time is that of the last snapshot before it (profile records carry no wall time of their
 * own); records before the first snapshot count from the header's `createdAt`.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface TypeCensus {
  lines: number;
  /** Bytes of its lines (UTF-16 code units: the JSON is ASCII but for rare names). */
  bytes: number;
  /** Bytes in the recording's second quarter, and in its last. */
  bytesQ2: number;
  bytesQ4: number;
}

/** Record type → what the file holds of it, largest first. */
export async function sessionCensus(file: string, durationS: number): Promise<Map<string, TypeCensus>> {
  const census = new Map<string, TypeCensus>();
  let start = 0;
  let now = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const record = JSON.parse(line) as { type: string; createdAt?: number; snapshot?: { time: number } };
    if (record.type === 'header') start = now = record.createdAt!;
    if (record.type === 'snapshot') now = record.snapshot!.time;
    const quarter = Math.floor((4 * (now - start)) / (durationS * 1000)) + 1;
    const entry = census.get(record.type) ?? { lines: 0, bytes: 0, bytesQ2: 0, bytesQ4: 0 };
    entry.lines++;
    entry.bytes += line.length + 1;
    if (quarter === 2) entry.bytesQ2 += line.length + 1;
    if (quarter >= 4) entry.bytesQ4 += line.length + 1;
    census.set(record.type, entry);
  }
  return new Map([...census].sort(([, a], [, b]) => b.bytes - a.bytes));
}

/** The census as lines for the bench's log. */
export function formatCensus(census: Map<string, TypeCensus>): string[] {
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2).padStart(8);
  return [...census].map(
    ([type, c]) =>
      `  ${type.padEnd(20)} ${String(c.lines).padStart(8)} lines ${mib(c.bytes)} MiB ` +
      `(2nd quarter ${mib(c.bytesQ2)}, last ${mib(c.bytesQ4)}; mean ${Math.round(c.bytes / c.lines)} B)`,
  );
}
