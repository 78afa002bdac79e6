/**
 * Accumulates one host's handshakes over one collection interval, then yields its `TlsHostInterval`.
 * Durations go into a sparse quarter-octave histogram (the formula of core's `handshakeBucketOf`).
 */
import type { Frame } from '../../core/frame';
import type { DurationHistogram, TlsHostInterval } from '../../core/network/tls-section';
import type { CapturedStack } from '../stack-frames';

/** Same formula as `handshakeBucketOf` in core/network/tls-section.ts (the agent imports only types). */
function bucketOf(durationMs: number): number {
  return durationMs <= 1 ? 0 : Math.ceil(Math.log2(durationMs) * 4);
}

function addTo(histogram: DurationHistogram, durationMs: number): void {
  const key = String(bucketOf(durationMs));
  histogram[key] = (histogram[key] ?? 0) + 1;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** What a finished handshake tells about itself, read from the socket at 'secure'. */
export interface HandshakeOutcome {
  durationMs: number;
  reused: boolean;
  protocol: string;
  cipher: string;
  alpn: string;
  /** Where the connection was started (client side); parsed only if this is the interval's slowest. */
  stack: CapturedStack | null;
}

export class HostInterval {
  private readonly value: TlsHostInterval;
  private slowestStack: CapturedStack | null = null;
  /** Events recorded, to rank hosts by activity. */
  activity = 0;

  constructor(host: string, side: 'client' | 'server') {
    this.value = {
      host,
      side,
      completed: 0,
      reused: 0,
      handshakeMs: { sum: 0, max: 0, histogram: {} },
      connectMs: { count: 0, sum: 0, max: 0, histogram: {} },
      errors: {},
      protocols: {},
      ciphers: {},
      alpn: {},
      slowestFrames: [],
    };
  }

  addConnect(durationMs: number): void {
    this.activity++;
    const connect = this.value.connectMs;
    connect.count++;
    connect.sum += durationMs;
    connect.max = Math.max(connect.max, durationMs);
    addTo(connect.histogram, durationMs);
  }

  addCompleted(outcome: HandshakeOutcome): void {
    this.activity++;
    const v = this.value;
    v.completed++;
    if (outcome.reused) v.reused++;
    if (outcome.durationMs >= v.handshakeMs.max) {
      v.handshakeMs.max = outcome.durationMs;
      this.slowestStack = outcome.stack;
    }
    v.handshakeMs.sum += outcome.durationMs;
    addTo(v.handshakeMs.histogram, outcome.durationMs);
    increment(v.protocols, outcome.protocol);
    increment(v.ciphers, outcome.cipher);
    increment(v.alpn, outcome.alpn);
  }

  addError(reason: string): void {
    this.activity++;
    increment(this.value.errors, reason);
  }

  /** The interval's figures; `parse` turns the slowest handshake's stack into frames. */
  finish(parse: (stack: CapturedStack) => Frame[]): TlsHostInterval {
    if (this.slowestStack) this.value.slowestFrames = parse(this.slowestStack);
    return this.value;
  }
}
