/**
 * Stacks captured from inside a `patchMethod` observer: `captureStack(observer)` cuts the observer and
 * everything above it, so the first frame is always the patch's wrapper (agent code). These helpers drop
 * it and the library frames above the caller's own code.
 */
import type { Frame } from '../../core/frame';
import type { CapturedStack } from '../stack-frames';
import { captureStack, dropLeadingNodeFrames, parseStack } from '../stack-frames';

/** Captures the stack below `observer` with up to `depth` frames (Node's default of 10 is often all library). */
export function captureDeepStack(observer: (...args: never[]) => unknown, depth: number): CapturedStack {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = depth;
  try {
    return captureStack(observer);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Frames of a stack captured by `captureDeepStack`, innermost first, starting at the first frame that is
 * neither Node's nor matched by `isLibrary`. When every frame is Node's or the library's (a connection
 * opened from an internal queue, as fetch does), those frames are kept: they still say what ran.
 */
export function callerFrames(
  stack: CapturedStack,
  isLibrary: (frame: Frame) => boolean = () => false,
): Frame[] {
  const frames = parseStack(stack.stack).slice(1);
  const withoutNode = dropLeadingNodeFrames(frames);
  const first = withoutNode.findIndex((frame) => !frame.url.startsWith('node:') && !isLibrary(frame));
  return first < 0 ? frames : withoutNode.slice(first);
}
