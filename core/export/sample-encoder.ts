/**
 * Encodes pprof `Sample` messages straight into reusable byte buffers: one sample per call stack of a
 * large profile would otherwise make objects and buffers per sample, hundreds of MiB of garbage.
 * Wire format (profile.proto): Profile.sample = field 2; Sample.location_id = field 1 and
 * Sample.value = field 2, both packed varints.
 */

/** Bytes per emitted chunk. */
const CHUNK_BYTES = 256 * 1024;

export class SampleEncoder {
  private buffer = new Uint8Array(CHUNK_BYTES);
  private offset = 0;

  /** Appends one sample; returns a finished chunk when the buffer filled up, else null. */
  add(locationIds: ArrayLike<number>, locationCount: number, values: ArrayLike<number>): Uint8Array | null {
    let locationBytes = 0;
    for (let i = 0; i < locationCount; i++) locationBytes += varintSize(locationIds[i]!);
    let valueBytes = 0;
    for (let i = 0; i < values.length; i++) valueBytes += varintSize(values[i]!);
    const messageBytes = 2 + varintSize(locationBytes) + locationBytes + varintSize(valueBytes) + valueBytes;
    const needed = 1 + varintSize(messageBytes) + messageBytes;
    let done: Uint8Array | null = null;
    if (this.offset + needed > this.buffer.length) {
      done = this.flush();
      if (needed > this.buffer.length) this.buffer = new Uint8Array(needed);
    }
    this.byte(0x12);
    this.varint(messageBytes);
    this.byte(0x0a);
    this.varint(locationBytes);
    for (let i = 0; i < locationCount; i++) this.varint(locationIds[i]!);
    this.byte(0x12);
    this.varint(valueBytes);
    for (let i = 0; i < values.length; i++) this.varint(values[i]!);
    return done;
  }

  /** The bytes written since the last flush (a copy: the buffer is reused). */
  flush(): Uint8Array {
    const chunk = this.buffer.slice(0, this.offset);
    this.offset = 0;
    return chunk;
  }

  private byte(value: number): void {
    this.buffer[this.offset++] = value;
  }

  // Non-negative integers up to 2^53: division, not bit operators, which stop at 32 bits.
  private varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.offset++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.offset++] = rest;
  }
}

/** Bytes of `value` as a varint (non-negative integers). */
export function varintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) size++;
  return size;
}
