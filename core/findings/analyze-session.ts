/** Runs every analysis over a session and returns all findings, most severe first. */
import type { Session } from '../session/session';
import { findAllocHotspot } from './alloc-hotspot';
import { findBlockedChain } from '../chains/blocked-chain';
import { findPromiseLeak } from '../chains/promise-leak';
import type { Analysis, AnalysisContext } from './analysis';
import { findEventLoopBlocked } from './event-loop-blocked';
import { findFdExhaustion } from './fd-exhaustion';
import type { Finding } from './finding';
import { findPoolStarvation } from './pool-starvation';
import { sortBySeverity } from './severity';
import { withRetainers } from '../retainers/retainer-findings';
import { findSocketLeak } from './socket-leak';
import { findTlsHandshakeSlow } from '../network/tls-handshake-slow';
import { findTlsHandshakeStalled } from '../network/tls-handshake-stalled';
import { findUndiciPoolStarvation, findUndiciSocketLeak } from '../network/undici-pool-findings';

/** The analyses, in the order their findings appear within one severity. Add a new analysis here. */
export const ANALYSES: readonly Analysis[] = [
  findPoolStarvation,
  findSocketLeak,
  findFdExhaustion,
  findEventLoopBlocked,
  findUndiciPoolStarvation,
  findUndiciSocketLeak,
  findTlsHandshakeSlow,
  findTlsHandshakeStalled,
  findAllocHotspot,
  findPromiseLeak,
  findBlockedChain,
];

/** All findings of `analyses` (every registered one by default), critical first, then warning, then info. */
export function analyzeSession(
  session: Session,
  context: AnalysisContext = {},
  analyses: readonly Analysis[] = ANALYSES,
): Finding[] {
  return sortBySeverity(
    withRetainers(
      analyses.flatMap((analyze) => analyze(session, context)),
      session,
    ),
  );
}
