/**
 * Keeps inlined functions in CPU profiles.
 *
 * V8's CPU profiler names an inlined function only for code compiled while it runs: code optimized
 * before the profiler started (a service attached to after it warmed up) and code it saw before a
 * window ended (the code map is dropped when the last profile stops) is logged without its inlining,
 * so all of a hot callee's time lands on the caller's call line (`listOnTimeout` for a timer's callback,
 * the route's dispatcher for a handler). Measured on Node 22.23, 24.22 and 26.12: ~100% of a timer
 * callback's self time was charged to `listOnTimeout`. Node 20 mostly keeps the inlining, but not always:
 * a CI run recorded a TypeScript service (ts-node) by pid whose timer callback's 2 ms loops, ~60% of its
 * CPU, were all charged to `listOnTimeout` on Node 20.20.
 *
 * Two fixes:
 * - once, after the profiler starts, every function is deoptimized (starting and stopping precise
 *   coverage does `Deoptimizer::DeoptimizeAll`), so hot code is optimized again under the profiler.
 *   That costs the target once per attach: a 2–3 ms pause on a small service, 20–80 ms on one running
 *   the TypeScript compiler, then ~2 s at lower throughput while its hot code warms up again (about
 *   0.8 s of its work; docs/performance.md), on every Node;
 * - around each window's rotation a second, console-started profile stays open, so the profiler
 *   never has no profile and keeps its code map; it is a few milliseconds long and thrown away.
 */
import type { InspectorSession } from '../inspector/inspector-session';

/** The title of the profile that bridges a window's end and the next one's start. */
export const BRIDGE_PROFILE_TITLE = 'hyperscope-window-bridge';

/**
 * Deoptimizes the target's code so it is optimized again while the profiler watches. Must run after
 * `Profiler.start`. A target whose coverage cannot be switched keeps its code; profiling goes on.
 */
export async function reoptimizeUnderProfiler(session: InspectorSession): Promise<void> {
  try {
    await session.send('Profiler.startPreciseCoverage', { callCount: false, detailed: false });
    await session.send('Profiler.stopPreciseCoverage');
  } catch {
    // Only the names of inlined functions are at stake.
  }
}

/** Runs `rotate` with a bridging profile open in the target, so V8 keeps its code map across it. */
export async function withBridgeProfile<T>(session: InspectorSession, rotate: () => Promise<T>): Promise<T> {
  const opened = await consoleProfile(session, 'profile');
  try {
    return await rotate();
  } finally {
    if (opened) await consoleProfile(session, 'profileEnd');
  }
}

async function consoleProfile(session: InspectorSession, call: 'profile' | 'profileEnd'): Promise<boolean> {
  const expression = `globalThis.console.${call}(${JSON.stringify(BRIDGE_PROFILE_TITLE)})`;
  try {
    const { exceptionDetails } = await session.send('Runtime.evaluate', { expression, silent: true });
    return exceptionDetails === undefined;
  } catch {
    return false;
  }
}
