/**
 * The `tls` collector: every TLS socket, client and server side, from creation to the end of its
 * handshake. Node has no diagnostics channel for TLS (and `net.client.socket` skips TLS sockets), so it
 * wraps `TLSSocket.prototype._init`, which every TLSSocket constructor calls (tls.connect, https, http2,
 * undici's connector, tls.Server's accept). Client connections also get a creation stack (one per
 * connection, formatted only if reported); server-side handshakes have no caller to blame.
 */
import type { TLSSocket } from 'node:tls';
import type { Frame } from '../../core/frame';
import type { TlsHostInterval, TlsSection } from '../../core/network/tls-section';
import type { Collector, CollectorContext } from '../collector';
import type { MethodPatch } from '../method-patch';
import { patchMethod } from '../method-patch';
import { captureStack, type CapturedStack } from '../stack-frames';
import { callerFrames } from '../caller-frames';
import { HandshakeTracker } from './handshake-tracker';
import { HostInterval } from './host-interval';

/** Handshakes younger than this are not listed in `pending` (only counted), ms. */
const PENDING_MIN_AGE_MS = 250;
const PENDING_CAP = 50;
const MAX_IN_FLIGHT = 10_000;
const MAX_HOSTS_PER_INTERVAL = 200;
// tls.connect sits ~8 frames below the caller's code (https.get → Agent → createConnection → …).
const STACK_DEPTH = 24;

const framesOf = (stack: CapturedStack): Frame[] => callerFrames(stack);

export function createTlsCollector(): Collector<TlsSection> {
  let context: CollectorContext;
  let patch: MethodPatch | null = null;
  let tracker: HandshakeTracker | null = null;
  let intervals = new Map<string, HostInterval>();
  let intervalStart = 0;
  const totals = { started: 0, completed: 0, failed: 0, reused: 0 };
  const now = (): number => context.builtins.perf_hooks.performance.now();

  const intervalFor = (host: string, side: 'client' | 'server'): HostInterval | null => {
    const key = `${side} ${host}`;
    let interval = intervals.get(key);
    if (!interval) {
      if (intervals.size >= MAX_HOSTS_PER_INTERVAL) {
        context.drop('tls.hostCap');
        return null;
      }
      interval = new HostInterval(host, side);
      intervals.set(key, interval);
    }
    return interval;
  };

  const observeInit = (self: unknown, args: unknown[]): void => {
    if (context.isAgentWork?.()) return;
    const socket = self as TLSSocket & { _tlsOptions?: { isServer?: boolean } };
    const side = socket._tlsOptions?.isServer ? 'server' : 'client';
    // `_init(socket, wrap)`: a socket handed in that is not still connecting starts its handshake now.
    const wrapped = args[0] as { connecting?: boolean } | null | undefined;
    const alreadyConnected = side === 'server' || (wrapped != null && wrapped.connecting !== true);
    let stack: CapturedStack | null = null;
    if (side === 'client') {
      stack = captureStack(observeInit, STACK_DEPTH);
    }
    totals.started++;
    tracker?.track(socket, side, alreadyConnected, stack);
  };

  return {
    // Same value as TLS_SECTION_KEY in core/network/tls-section.ts (the agent imports only types from core).
    name: 'tls',
    start(ctx) {
      context = ctx;
      intervalStart = now();
      tracker = new HandshakeTracker(
        {
          now,
          frames: framesOf,
          connected: (host, ms) => intervalFor(host, 'client')?.addConnect(ms),
          completed: (host, side, outcome) => {
            totals.completed++;
            if (outcome.reused) totals.reused++;
            intervalFor(host, side)?.addCompleted(outcome);
          },
          failed: (host, side, reason) => {
            totals.failed++;
            intervalFor(host, side)?.addError(reason);
          },
        },
        MAX_IN_FLIGHT,
        (reason) => ctx.drop(reason),
      );
      patch = patchMethod(ctx.builtins.tls.TLSSocket.prototype, '_init', observeInit, () =>
        ctx.drop('tls.observeError'),
      );
    },
    collect() {
      const at = now();
      const hosts: TlsHostInterval[] = [...intervals.values()]
        .sort((a, b) => b.activity - a.activity)
        .map((interval) => interval.finish(framesOf));
      intervals = new Map();
      const pending = tracker?.pending(PENDING_MIN_AGE_MS, PENDING_CAP) ?? { list: [], tcp: 0, tls: 0 };
      const section: TlsSection = {
        intervalMs: at - intervalStart,
        hosts,
        pending: pending.list,
        pendingMinAgeMs: PENDING_MIN_AGE_MS,
        inProgress: { tcp: pending.tcp, tls: pending.tls },
        totals: { ...totals },
      };
      intervalStart = at;
      return section;
    },
    stop() {
      patch?.restore();
      patch = null;
      tracker?.stop();
      tracker = null;
      intervals = new Map();
    },
  };
}
