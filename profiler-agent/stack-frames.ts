/**
 * Cheap creation stacks: capture V8's structured trace now (no formatting), turn it into frames
 * only when a snapshot needs them.
 */
import type { Frame } from '../core/frame';
import { isAgentUrl } from '../core/profile/agent-frames';

/** Holds a captured stack; reading `stack` formats it lazily (V8 formats on first access). */
export interface CapturedStack {
  stack?: string;
}

/**
 * Captures the current stack above `above` (a function on the stack, excluded with everything above it),
 * with up to `depth` frames when given (Node's default of 10 is often all library or agent frames).
 */
export function captureStack(above: (...args: never[]) => unknown, depth?: number): CapturedStack {
  const holder: CapturedStack = {};
  if (depth === undefined) {
    Error.captureStackTrace(holder, above);
    return holder;
  }
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = depth;
  try {
    Error.captureStackTrace(holder, above);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return holder;
}

// `    at fn (file:1:2)`, `    at new Fn (file:1:2)`, `    at async fn (file:1:2)`, `    at file:1:2`
const WITH_NAME = /^\s*at (?:async )?(.*?) \((.*):(\d+):(\d+)\)$/;
const WITHOUT_NAME = /^\s*at (?:async )?(.*):(\d+):(\d+)$/;

/**
 * True for frames of the agent itself: injected (named by its sourceURL) or preloaded from the bundle.
 * Its method wrappers sit between the user's call and Node's code, so they show up mid-stack.
 */
export function isAgentFrame(frame: Frame): boolean {
  return isAgentUrl(frame.url);
}

/**
 * Parses a V8 stack string into frames, innermost first, leaving out the agent's own frames.
 * Lines that are not frames are skipped.
 */
export function parseStack(stack: string | undefined): Frame[] {
  if (typeof stack !== 'string') return [];
  const frames: Frame[] = [];
  for (const line of stack.split('\n')) {
    const named = WITH_NAME.exec(line);
    if (named) {
      frames.push({
        // `Timeout.fn [as _onTimeout]`: the name the function was called by says nothing more here.
        functionName: (named[1] ?? '').replace(/ \[as [^\]]*\]$/, ''),
        url: named[2] ?? '',
        line: Number(named[3]),
        column: Number(named[4]),
      });
      continue;
    }
    const bare = WITHOUT_NAME.exec(line);
    if (bare)
      frames.push({ functionName: '', url: bare[1] ?? '', line: Number(bare[2]), column: Number(bare[3]) });
  }
  return frames.filter((frame) => !isAgentFrame(frame));
}

/**
 * Reads `holder.stack` with `format` as `Error.prepareStackTrace`, putting the service's own back at once
 * (V8 formats a captured stack lazily, on first read, through whatever formatter is installed then);
 * undefined where reading throws.
 */
export function readStackWith(
  holder: object,
  format: (error: Error, sites: NodeJS.CallSite[]) => unknown,
): unknown {
  const installed = Error.prepareStackTrace;
  Error.prepareStackTrace = format;
  try {
    return (holder as { stack?: unknown }).stack;
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = installed;
  }
}

/**
 * The frames of a captured stack, innermost first, at the positions V8 ran (the agent's own left out).
 * A formatter the service installed is bypassed while the stack is read: `--enable-source-maps` and
 * source-map-support (ts-node) rewrite positions to the original sources, and the report maps every
 * frame through the same maps again — an already mapped line mapped twice lands on another line.
 */
export function capturedFrames(holder: CapturedStack): Frame[] {
  const text = readStackWith(holder, asV8Writes);
  return parseStack(typeof text === 'string' ? text : undefined);
}

/** V8's own stack text: a call site's `toString` is the frame as V8 writes it, positions unmapped. */
function asV8Writes(_error: Error, sites: NodeJS.CallSite[]): string {
  return sites.map((site) => `    at ${String(site)}`).join('\n');
}

/** Drops the leading frames inside Node itself (`node:…`), so the first frame is the caller's code. */
export function dropLeadingNodeFrames(frames: Frame[]): Frame[] {
  const first = frames.findIndex((frame) => !frame.url.startsWith('node:'));
  return first < 0 ? frames : frames.slice(first);
}
