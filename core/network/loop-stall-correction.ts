/**
 * Handshake times as the target's own event loop could not have made them. The agent times a handshake in
 * JavaScript, from the TCP 'connect' (or accept) event to the secure event, so a stall of the target's loop
 * in between — its own synchronous work, a GC pause, one of Hyperscope's pauses — is in the measured time:
 * a service that blocks its loop would see every host's handshakes as slow. A handshake that finished in
 * an interval whose loop stalled at most D ms (the interval's maximum delay, which the stall that delayed
 * the secure event ends in) is taken as D ms shorter, at least 0: the benefit of the doubt goes to the
 * peer, so a slow loop is not called a slow peer (event-loop-blocked names it).
 */
import type { Session } from '../session/session';
import type { DurationHistogram, TlsHostInterval } from './tls-section';
import { handshakeBucketOf, handshakeBucketUpperMs, readTlsSection, TLS_SECTION_KEY } from './tls-section';

/**
 * The session with every TLS interval's handshake times shortened by the loop's maximum delay in that
 * interval (the input is not mutated). Connect times are left as measured: shortening them would lower
 * the bound a handshake is judged against, the doubt going against the peer.
 */
export function withoutLoopStalls(session: Session): Session {
  return {
    ...session,
    snapshots: session.snapshots.map((snapshot) => {
      const section = readTlsSection(snapshot);
      const stallMs = snapshot.eventLoop.delayMaxMs;
      if (!section || !(stallMs > 0)) return snapshot;
      const hosts: TlsHostInterval[] = section.hosts.map((host) => ({
        ...host,
        handshakeMs: shortened(host.handshakeMs, stallMs),
      }));
      return {
        ...snapshot,
        extensions: { ...snapshot.extensions, [TLS_SECTION_KEY]: { ...section, hosts } },
      };
    }),
  };
}

function shortened(durations: TlsHostInterval['handshakeMs'], byMs: number): TlsHostInterval['handshakeMs'] {
  const histogram: DurationHistogram = {};
  for (const [bucket, count] of Object.entries(durations.histogram)) {
    const shorter = handshakeBucketOf(Math.max(0, handshakeBucketUpperMs(Number(bucket)) - byMs));
    histogram[shorter] = (histogram[shorter] ?? 0) + count;
  }
  return { ...durations, max: Math.max(0, durations.max - byMs), histogram };
}
